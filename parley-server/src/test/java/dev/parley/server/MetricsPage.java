package dev.parley.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The server's {@code /metrics} page, read the way Prometheus reads it, one series at a time:
 * from a loopback address of its own (127.0.0.3), one connection per read, closed after it, so
 * that reading never takes a connection slot from the address the test's clients use.
 */
public final class MetricsPage {
  private static final int TIMEOUT_MS = 10_000;

  private MetricsPage() {}

  /**
   * The value of one series, such as {@code parley_byes_total{reason="idle"}}; fails when the
   * page does not have it.
   */
  public static double value(ParleyServer server, String series) {
    String page = fetch(server, null);
    return valueIn(page, series)
        .orElseThrow(() -> new AssertionError("no " + series + " in /metrics:\n" + page));
  }

  /** A counter's value, 0 while nothing was counted (a counter with labels appears when first counted). */
  static double count(ParleyServer server, String series) {
    return valueIn(fetch(server, null), series).orElse(0.0);
  }

  /** As {@link #count(ParleyServer, String)}, over HTTPS trusting {@code tls}. */
  static double count(ParleyServer server, String series, SSLContext tls) {
    return valueIn(fetch(server, tls), series).orElse(0.0);
  }

  private static Optional<Double> valueIn(String page, String series) {
    return page.lines()
        .filter(line -> line.startsWith(series + " "))
        .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
        .findFirst();
  }

  private static String fetch(ParleyServer server, SSLContext tls) {
    int port = server.httpAddress().orElseThrow().getPort();
    try (Socket socket = connect(port, tls)) {
      socket.setSoTimeout(TIMEOUT_MS);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (!answer.startsWith("HTTP/1.1 200")) {
        throw new AssertionError("/metrics answered " + answer.lines().findFirst().orElse("nothing"));
      }
      return answer.substring(answer.indexOf("\r\n\r\n") + 4);
    } catch (IOException e) {
      throw new AssertionError("cannot read /metrics on port " + port, e);
    }
  }

  private static Socket connect(int port, SSLContext tls) throws IOException {
    InetAddress from = InetAddress.getByName("127.0.0.3");
    if (tls != null) {
      return tls.getSocketFactory().createSocket(InetAddress.getByName("127.0.0.1"), port, from, 0);
    }
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(from, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
    return socket;
  }
}
