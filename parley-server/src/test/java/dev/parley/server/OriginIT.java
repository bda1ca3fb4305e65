package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testkit.WireClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One Origin rule for every route a page could use against its visitor ({@code /ws},
 * {@code /poll/*}, {@code /metrics}): no Origin (a program) is allowed; an Origin is allowed
 * when it is configured with {@code --allow-origin}, or when it is the server's own: the same
 * scheme, the request's {@code Host}, and a host a DNS-rebinding page cannot name. Posts to
 * {@code /poll/*} must be JSON, which a foreign form or a simple fetch cannot send.
 */
class OriginIT extends ServerFixture {
  private static final String HELLO = WireClient.frame("type", "hello", "user", "ann");
  private final HttpClient http = HttpClient.newHttpClient();

  private InetSocketAddress address() {
    return server().httpAddress().orElseThrow();
  }

  private int port() {
    return address().getPort();
  }

  private HttpResponse<String> open(String contentType, String origin) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/poll/open"))
        .POST(HttpRequest.BodyPublishers.ofString(HELLO));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (origin != null) {
      b.header("Origin", origin);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aPageFromAnotherSiteCannotOpenAPollSession() throws Exception {
    assertThat(open("application/json", "http://evil.example").statusCode()).isEqualTo(403);
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"})
  void aPollPostThatIsNotJsonIsRefusedWith415(String contentType) throws Exception {
    assertThat(open(contentType, null).statusCode()).isEqualTo(415);
  }

  @Test
  void aPollPostWithoutContentTypeIsRefusedWith415() throws Exception {
    assertThat(open(null, null).statusCode()).isEqualTo(415);
  }

  @Test
  void theServersOwnPageAndProgramsOpenPollSessions() throws Exception {
    assertThat(open("application/json", "http://127.0.0.1:" + port()).statusCode()).isEqualTo(200);
    assertThat(open("application/json; charset=utf-8", null).statusCode()).isEqualTo(200);
  }

  @Test
  void aDnsRebindingPageIsRefusedOnWebSocketAndPolling() {
    String host = "attacker.example:" + port();
    try (RawWebSocket ws = RawWebSocket.handshake(address(), host, "http://" + host)) {
      assertThat(ws.status()).isEqualTo(403);
    }
    try (RawHttp raw = new RawHttp(address())) {
      raw.send("POST /poll/open HTTP/1.1\r\nHost: " + host + "\r\nOrigin: http://" + host
          + "\r\nContent-Type: application/json\r\nContent-Length: " + HELLO.length() + "\r\n\r\n" + HELLO);
      assertThat(raw.read().status()).isEqualTo(403);
    }
  }

  @Test
  void anOriginWithAnotherSchemeIsNotTheServersOwn() {
    String host = "127.0.0.1:" + port();
    try (RawWebSocket ws = RawWebSocket.handshake(address(), host, "https://" + host)) {
      assertThat(ws.status()).isEqualTo(403);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "127.0.0.1", "[::1]"})
  void localhostAndAddressLiteralsAreTheServersOwnOrigin(String name) {
    String host = name + ":" + port();
    try (RawWebSocket ws = RawWebSocket.handshake(address(), host, "http://" + host)) {
      assertThat(ws.status()).isEqualTo(101);
    }
  }

  @Test
  void aConfiguredOriginIsAllowedUnderItsOwnName() {
    configure(c -> c.withAllowedOrigins(List.of("http://chat.example.org")));
    try (RawWebSocket ws = RawWebSocket.handshake(address(), "chat.example.org", "http://chat.example.org")) {
      assertThat(ws.status()).isEqualTo(101);
    }
  }

  @Test
  void metricsAreNotShownToAnotherSitesPage() throws Exception {
    HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/metrics"))
        .header("Origin", "http://evil.example").GET().build();
    assertThat(http.send(r, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
  }
}
