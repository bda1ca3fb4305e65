package dev.parley.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.net.ssl.SSLContext;

/** The server's {@code /metrics} page, read the way Prometheus reads it, one series at a time. */
final class MetricsPage {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private MetricsPage() {}

  /**
   * The value of one series, such as {@code parley_byes_total{reason="idle"}}; fails when the
   * page does not have it.
   */
  static double value(ParleyServer server, String series) {
    String page = fetch(HTTP, "http", server);
    return valueIn(page, series)
        .orElseThrow(() -> new AssertionError("no " + series + " in /metrics:\n" + page));
  }

  /** A counter's value, 0 while nothing was counted (a counter with labels appears when first counted). */
  static double count(ParleyServer server, String series) {
    return valueIn(fetch(HTTP, "http", server), series).orElse(0.0);
  }

  /** As {@link #count(ParleyServer, String)}, over HTTPS trusting {@code tls}. */
  static double count(ParleyServer server, String series, SSLContext tls) {
    return valueIn(fetch(HttpClient.newBuilder().sslContext(tls).build(), "https", server), series).orElse(0.0);
  }

  private static java.util.Optional<Double> valueIn(String page, String series) {
    return page.lines()
        .filter(line -> line.startsWith(series + " "))
        .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
        .findFirst();
  }

  private static String fetch(HttpClient http, String scheme, ParleyServer server) {
    URI uri =
        URI.create(scheme + "://127.0.0.1:" + server.httpAddress().orElseThrow().getPort() + "/metrics");
    try {
      return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new AssertionError("cannot read " + uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted reading " + uri, e);
    }
  }
}
