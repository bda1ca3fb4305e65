package dev.parley.server.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A bare TCP connection that writes bytes as they are and reads the server's lines as bytes,
 * so the test sees exactly what was on the wire, bad UTF-8 included.
 */
final class RawConnection implements AutoCloseable {
  /** Longer than any answer takes; a server that stays silent this long has hung. */
  private static final int READ_TIMEOUT_MS = 10_000;

  private final Socket socket;
  private final InputStream in;

  RawConnection(InetSocketAddress server) throws IOException {
    socket = new Socket();
    socket.connect(server, READ_TIMEOUT_MS);
    socket.setSoTimeout(READ_TIMEOUT_MS);
    in = new BufferedInputStream(socket.getInputStream());
  }

  void send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  /**
   * The next line without its {@code \n}, or {@code null} once the server closed the
   * connection (a half line before the close comes back as it is).
   *
   * @throws SocketTimeoutException when nothing arrives for {@value #READ_TIMEOUT_MS} ms
   */
  byte[] readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b;
      try {
        b = in.read();
      } catch (SocketException reset) {
        b = -1; // a reset after the server's close is a close too
      }
      if (b == -1) {
        return line.size() == 0 ? null : line.toByteArray();
      }
      if (b == '\n') {
        return line.toByteArray();
      }
      line.write(b);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  static String show(byte[] line) {
    return new String(line, StandardCharsets.UTF_8) + " " + Arrays.toString(line);
  }
}
