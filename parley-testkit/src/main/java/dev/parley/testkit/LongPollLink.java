package dev.parley.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The long-polling transport with the JDK's HTTP client: the first frame opens the session
 * ({@code /poll/open}), later ones go to {@code /poll/send} one request each, in order, and a
 * reader thread loops on {@code /poll/recv} until the session is gone (404). Pausing reading
 * stops polling, which is how a long-polling client falls behind.
 */
final class LongPollLink implements Link {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final Inbox inbox;
  private final HttpClient http;
  private final ReadGate gate = new ReadGate();
  private volatile String sid;
  private volatile boolean closed;

  LongPollLink(URI base, javax.net.ssl.SSLContext tls, Inbox inbox) {
    this.base = base;
    this.inbox = inbox;
    // Cookies kept as a browser keeps them: a load balancer's stickiness cookie (HAProxy's
    // parley_node) keeps the session's requests on the node that holds it.
    HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .cookieHandler(new java.net.CookieManager());
    if (tls != null) {
      client.sslContext(tls);
    }
    this.http = client.build();
  }

  @Override
  public synchronized void send(String json) {
    if (sid == null) {
      open(json);
      return;
    }
    HttpResponse<String> r = post("/poll/send", "[" + json + "]");
    if (r.statusCode() == 404) {
      end();
    } else if (r.statusCode() != 204) {
      throw new IllegalStateException("/poll/send answered " + r.statusCode() + ": " + r.body());
    }
  }

  @Override
  public synchronized void sendBurst(java.util.List<String> frames) {
    if (sid == null) {
      send(frames.get(0));
      frames = frames.subList(1, frames.size());
    }
    if (!frames.isEmpty()) {
      HttpResponse<String> r = post("/poll/send", "[" + String.join(",", frames) + "]");
      if (r.statusCode() != 204) {
        throw new IllegalStateException("/poll/send answered " + r.statusCode() + ": " + r.body());
      }
    }
  }

  private void open(String first) {
    HttpResponse<String> r = post("/poll/open", first);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("/poll/open answered " + r.statusCode() + ": " + r.body());
    }
    JsonNode body = parse(r.body());
    sid = body.get("sid").asText();
    body.get("frames").forEach(f -> inbox.received(f.toString()));
    Thread reader = new Thread(this::recvLoop, "wire-client-poll");
    reader.setDaemon(true);
    reader.start();
  }

  private void recvLoop() {
    while (!closed) {
      gate.awaitOpen();
      HttpResponse<String> r;
      try {
        r = http.send(request("/poll/recv").GET().build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException | InterruptedException e) {
        break;
      }
      if (r.statusCode() != 200) {
        break;
      }
      parse(r.body()).forEach(f -> inbox.received(f.toString()));
    }
    end();
  }

  private HttpResponse<String> post(String path, String body) {
    try {
      return http.send(
          request(path)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    if (sid != null) {
      b.header("Authorization", "Bearer " + sid);
    }
    return b;
  }

  private synchronized void end() {
    if (!closed) {
      closed = true;
      inbox.ended();
    }
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  @Override
  public void pauseReading() {
    gate.pause();
  }

  @Override
  public void resumeReading() {
    gate.resume();
  }

  /** Says {@code bye}, as closing a socket would end the session, and stops polling. */
  @Override
  public void close() {
    gate.resume();
    if (sid != null && !closed) {
      try {
        post("/poll/send", "[{\"type\":\"bye\"}]");
      } catch (RuntimeException ignored) {
        // the server may be gone already
      }
    }
    closed = true;
  }
}
