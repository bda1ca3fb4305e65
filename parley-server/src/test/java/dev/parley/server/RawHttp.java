package dev.parley.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection on a bare socket: the test writes the bytes it wants (pipelined
 * requests, ambiguous framing, a trickle) and reads answers one at a time as they come.
 */
final class RawHttp implements AutoCloseable {
  /** Longer than any answer takes; a server that stays silent this long has hung. */
  private static final int READ_TIMEOUT_MS = 10_000;

  /** One answer: its status, its headers (names in lower case) and its body. */
  record Answer(int status, Map<String, String> headers, String body) {}

  private final Socket socket;
  private final InputStream in;

  RawHttp(InetSocketAddress server) {
    this(server, null);
  }

  /** Connects from {@code from}, another loopback address, when not null. */
  RawHttp(InetSocketAddress server, InetAddress from) {
    try {
      socket = new Socket();
      if (from != null) {
        socket.bind(new InetSocketAddress(from, 0));
      }
      socket.connect(server, READ_TIMEOUT_MS);
      socket.setSoTimeout(READ_TIMEOUT_MS);
      socket.setTcpNoDelay(true);
      in = new BufferedInputStream(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect to " + server, e);
    }
  }

  RawHttp send(String text) {
    try {
      socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
    } catch (IOException e) {
      throw new UncheckedIOException("send failed", e);
    }
    return this;
  }

  /** Writes one byte; {@code false} when the server has closed the connection. */
  boolean trickle(byte b) {
    try {
      socket.getOutputStream().write(b);
      socket.getOutputStream().flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The next answer; fails when the connection closes or stays silent instead. */
  Answer read() {
    try {
      String statusLine = line();
      if (statusLine == null) {
        throw new AssertionError("the server closed the connection instead of answering");
      }
      Map<String, String> headers = new LinkedHashMap<>();
      for (String h = line(); h != null && !h.isEmpty(); h = line()) {
        int colon = h.indexOf(':');
        headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
      }
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      byte[] body = in.readNBytes(length);
      return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("reading an answer failed", e);
    }
  }

  /** The answer to a {@code HEAD}: a head alone, whatever its {@code Content-Length} says. */
  Answer readHead() {
    try {
      String statusLine = line();
      Map<String, String> headers = new LinkedHashMap<>();
      for (String h = line(); h != null && !h.isEmpty(); h = line()) {
        int colon = h.indexOf(':');
        headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
      }
      return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, "");
    } catch (IOException e) {
      throw new UncheckedIOException("reading an answer failed", e);
    }
  }

  /** Whether the server closed the connection: the next read ends (or resets) with nothing more. */
  boolean isClosedByServer() {
    try {
      return in.read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException reset) {
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** As {@link #isClosedByServer}, waiting at most {@code millis} for the verdict. */
  boolean isClosedByServer(int millis) {
    try {
      socket.setSoTimeout(millis);
      return isClosedByServer();
    } catch (SocketException e) {
      return true;
    } finally {
      try {
        socket.setSoTimeout(READ_TIMEOUT_MS);
      } catch (SocketException ignored) {
        // closed meanwhile
      }
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1; b = in.read()) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
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
