package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HTTP/1.1 framing as RFC 9112 has it: pipelined requests are answered in the order they came,
 * and a request whose length could be read two ways is refused and its connection closed, so
 * nothing can be smuggled behind it.
 */
class HttpFramingIT extends ServerFixture {
  private static final String HOST = "Host: 127.0.0.1\r\n";

  private RawHttp raw() {
    return closeAfter(new RawHttp(server().httpAddress().orElseThrow()));
  }

  private String openGuest() throws Exception {
    HttpResponse<String> opened = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server().httpAddress().orElseThrow().getPort() + "/poll/open"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(WireClient.frame("type", "hello", "user", "ann")))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    return WireClient.json(opened.body()).path("sid").asText();
  }

  @Test
  void aPipelinedRequestIsAnsweredAfterTheOneBeforeItEvenWhenThatOneWaits() throws Exception {
    configure(c -> c.withPollTimes(Duration.ofMillis(1500), Duration.ofSeconds(10)));
    String sid = openGuest();
    RawHttp http = raw();

    http.send("GET /poll/recv HTTP/1.1\r\n" + HOST + "Authorization: Bearer " + sid + "\r\n\r\n"
        + "GET /healthz HTTP/1.1\r\n" + HOST + "\r\n");

    RawHttp.Answer first = http.read();
    assertThat(first.status()).isEqualTo(200);
    JsonNode frames = WireClient.json(first.body());
    assertThat(frames.isArray()).as("the recv's answer, not the health check's: %s", first.body()).isTrue();
    assertThat(http.read().body()).isEqualTo("ok\nstore: ok\n");
  }

  @Test
  void aHeadAnswerHasNoBodyAndTheNextAnswerFollowsIt() {
    RawHttp http = raw();
    http.send("HEAD /healthz HTTP/1.1\r\n" + HOST + "\r\nGET /healthz HTTP/1.1\r\n" + HOST + "\r\n");

    assertThat(http.readHead().status()).isEqualTo(200);
    RawHttp.Answer get = http.read();
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.body()).isEqualTo("ok\nstore: ok\n");
  }

  @Test
  void manyPipelinedRequestsAreAllAnsweredInOrder() {
    RawHttp http = raw();
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      requests.append("GET ").append(i % 2 == 0 ? "/healthz" : "/nothing-" + i).append(" HTTP/1.1\r\n").append(HOST).append("\r\n");
    }
    http.send(requests.toString());

    for (int i = 0; i < 200; i++) {
      assertThat(http.read().status()).as("answer %d", i).isEqualTo(i % 2 == 0 ? 200 : 404);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "POST /poll/send HTTP/1.1\r\n" + HOST + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "POST /poll/send HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n",
      "POST /poll/send HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n",
      "POST /poll/send HTTP/1.1\r\n" + HOST + "Transfer-Encoding: xchunked\r\n\r\n",
      "POST /poll/send HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "POST /poll/send HTTP/1.0\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
  })
  void aRequestWhoseLengthIsAmbiguousIsRefusedAndItsConnectionClosed(String request) {
    RawHttp http = raw();
    http.send(request + "GET /healthz HTTP/1.1\r\n" + HOST + "\r\n");

    assertThat(http.read().status()).isEqualTo(400);
    assertThat(http.isClosedByServer()).as("closed after the 400, the request behind it unanswered").isTrue();
  }

  @Test
  void aChunkedRequestIsReadNormally() {
    RawHttp http = raw();
    http.send("POST /poll/send HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "2\r\n[]\r\n0\r\n\r\nGET /healthz HTTP/1.1\r\n" + HOST + "\r\n");

    assertThat(http.read().status()).isEqualTo(404); // no such poll session
    assertThat(http.read().body()).isEqualTo("ok\nstore: ok\n");
  }
}
