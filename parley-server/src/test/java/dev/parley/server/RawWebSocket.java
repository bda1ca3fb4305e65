package dev.parley.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket on a bare socket: a real handshake, then whatever frames the test builds,
 * well-formed or not, and the server's frames read one by one as they are on the wire.
 */
final class RawWebSocket implements AutoCloseable {
  static final int TEXT = 0x1;
  static final int CONTINUATION = 0x0;
  static final int CLOSE = 0x8;
  static final int PONG = 0xA;

  /** One frame from the server. */
  record Frame(int opcode, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** The status code of a close frame. */
    int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final int status;

  private RawWebSocket(InetSocketAddress server, String host, String origin) {
    try {
      socket = new Socket();
      socket.connect(server, 10_000);
      socket.setSoTimeout(10_000);
      socket.setTcpNoDelay(true);
      in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      String request = "GET /ws HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
          + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      String statusLine = headLine();
      status = Integer.parseInt(statusLine.split(" ")[1]);
      while (!headLine().isEmpty()) {
        // the rest of the answer's head
      }
    } catch (IOException e) {
      throw new UncheckedIOException("WebSocket handshake with " + server + " failed", e);
    }
  }

  /** Connects and shakes hands as a program would: {@code Host} is the address, no {@code Origin}. */
  static RawWebSocket open(InetSocketAddress server) {
    RawWebSocket ws = handshake(server, "127.0.0.1:" + server.getPort(), null);
    if (ws.status != 101) {
      throw new AssertionError("handshake answered " + ws.status);
    }
    return ws;
  }

  /** Connects and sends a handshake with the given {@code Host} and {@code Origin} (or none). */
  static RawWebSocket handshake(InetSocketAddress server, String host, String origin) {
    return new RawWebSocket(server, host, origin);
  }

  /** The handshake's status: 101 when upgraded. */
  int status() {
    return status;
  }

  /** A final, masked frame, as a client must send. */
  RawWebSocket send(int opcode, byte[] payload) {
    return sendRaw(frame(true, 0, opcode, true, payload));
  }

  /** A frame with every choice open: the FIN bit, the RSV bits, masking. */
  static byte[] frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
    int mask = masked ? 0x80 : 0;
    if (payload.length < 126) {
      out.write(mask | payload.length);
    } else {
      out.write(mask | 126);
      out.write(payload.length >> 8);
      out.write(payload.length & 0xFF);
    }
    byte[] key = new byte[4];
    if (masked) {
      ThreadLocalRandom.current().nextBytes(key);
      out.writeBytes(key);
    }
    for (int i = 0; i < payload.length; i++) {
      out.write(payload[i] ^ key[i % 4]);
    }
    return out.toByteArray();
  }

  RawWebSocket sendRaw(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
    } catch (IOException e) {
      throw new UncheckedIOException("send failed", e);
    }
    return this;
  }

  /** Sends as much of {@code bytes} as the server takes; {@code false} once it closed. */
  boolean trySendRaw(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The next frame from the server, or {@code null} once it closed the connection. */
  Frame next() {
    try {
      int first = in.read();
      if (first == -1) {
        return null;
      }
      int second = in.readUnsignedByte();
      long length = second & 0x7F;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] payload = new byte[(int) length];
      in.readFully(payload);
      return new Frame(first & 0x0F, payload);
    } catch (EOFException | SocketException closed) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("reading a frame failed", e);
    }
  }

  /** Reads until the server's close frame; fails when the connection ends without one. */
  Frame expectClose() {
    for (Frame f = next(); f != null; f = next()) {
      if (f.opcode() == CLOSE) {
        return f;
      }
      if (f.text().contains("\"internal\"")) {
        throw new AssertionError("the server answered internal: " + f.text());
      }
    }
    throw new AssertionError("the connection ended without a close frame");
  }

  private String headLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
