package dev.parley.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The server's {@code /metrics} page, read the way Prometheus reads it, one series at a time. */
final class MetricsPage {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private MetricsPage() {}

  /**
   * The value of one series, such as {@code parley_byes_total{reason="idle"}}; fails when the
   * page does not have it.
   */
  static double value(ParleyServer server, String series) {
    String page = fetch(server);
    return page.lines()
        .filter(line -> line.startsWith(series + " "))
        .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + series + " in /metrics:\n" + page));
  }

  private static String fetch(ParleyServer server) {
    URI uri =
        URI.create("http://127.0.0.1:" + server.httpAddress().orElseThrow().getPort() + "/metrics");
    try {
      return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new AssertionError("cannot read " + uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted reading " + uri, e);
    }
  }
}
