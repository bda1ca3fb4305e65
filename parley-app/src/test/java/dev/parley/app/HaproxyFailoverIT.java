package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.app.ClientChaosIT.Heard;
import dev.parley.client.ClientOptions;
import dev.parley.client.ConnectionState;
import dev.parley.client.Credentials;
import dev.parley.client.Endpoint;
import dev.parley.client.ParleyClient;
import dev.parley.protocol.ServerFrame;
import dev.parley.testkit.Haproxy;
import dev.parley.testkit.WireClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two real nodes on one PostgreSQL database with a real HAProxy in front (the configuration
 * docs/cluster.md shows). A library client that knows only HAProxy's address sends a numbered
 * stream; the node holding it is killed with SIGKILL mid-stream; the client reconnects through
 * HAProxy to the other node and resumes. Nothing acknowledged is lost, nothing is stored or
 * heard twice.
 */
class HaproxyFailoverIT {
  private static final int MESSAGES = 120;
  private static final int KILL_AT = 40;
  private static final Duration SEND_EVERY = Duration.ofMillis(20);
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final String ROOM = "failover";

  @RegisterExtension final HaproxyCluster cluster = new HaproxyCluster();
  @TempDir Path dir;

  /** Which of HAProxy's frontends the client goes through, and the backend behind it. */
  enum Front {
    TCP("parley_tcp_nodes", h -> Endpoint.tcp("127.0.0.1", h.tcpAddress().getPort())),
    WEBSOCKET("parley_http_nodes",
        h -> Endpoint.webSocket(URI.create("ws://127.0.0.1:" + h.httpAddress().getPort() + "/ws")));

    final String backend;
    final Function<Haproxy, Endpoint> endpoint;

    Front(String backend, Function<Haproxy, Endpoint> endpoint) {
      this.backend = backend;
      this.endpoint = endpoint;
    }
  }

  @ParameterizedTest
  @EnumSource(Front.class)
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void aClientThroughHaproxyResumesOnTheOtherNodeWhenItsNodeIsKilled(Front front) throws Exception {
    Haproxy haproxy = cluster.start(dir, 2, "--rate", "200");
    Heard heard = new Heard();
    ClientOptions options = ClientOptions.of(front.endpoint.apply(haproxy), Credentials.register("alice", "correct horse"))
        .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
        .withFramesPerSecond(150);
    try (ParleyClient alice = ParleyClient.create(options).addListener(heard)) {
      alice.connect().get(30, TimeUnit.SECONDS);
      alice.join(ROOM).get(30, TimeUnit.SECONDS);
      String holder = cluster.holderOf(front.backend, 1);

      Map<Integer, ServerFrame.Ack> acks = new ConcurrentHashMap<>();
      List<CompletableFuture<ServerFrame.Ack>> sends = new CopyOnWriteArrayList<>();
      AtomicInteger twice = new AtomicInteger();
      Thread publisher = new Thread(() -> publish(alice, sends, acks, twice), "publisher");
      publisher.start();

      await().atMost(LIMIT).until(() -> acks.size() >= KILL_AT);
      cluster.node(holder).kill9();
      assertThat(acks.size()).as("acks when the node was killed").isLessThan(MESSAGES);

      String survivor = holder.equals("n1") ? "n2" : "n1";
      await().atMost(LIMIT).until(() -> alice.state() == ConnectionState.CONNECTED
          && haproxy.sessions(front.backend).get(survivor) == 1);
      publisher.join(LIMIT.toMillis());
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(LIMIT.toSeconds(), TimeUnit.SECONDS);
      await().atMost(LIMIT).until(() -> heard.messages.size() >= MESSAGES);
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> heard.messages.size() == MESSAGES);

      assertThat(twice.get()).as("sends acknowledged twice").isZero();
      assertThat(acks.values().stream().map(ServerFrame.Ack::id).sorted().toList())
          .as("each send stored once, ids gapless").containsExactlyElementsOf(range(MESSAGES));
      assertThat(heard.messages).extracting(ServerFrame.Msg::id)
          .as("the client's own stream: no repeats, no gaps").containsExactlyElementsOf(range(MESSAGES));
      assertThat(heard.logins.get()).as("logins: first, then on the survivor").isGreaterThanOrEqualTo(2);
      await().atMost(Duration.ofSeconds(15)).until(() -> haproxy.status(holder).startsWith("DOWN"));

      try (WireClient reader = WireClient.guest(haproxy.tcpAddress(), "reader")) {
        List<JsonNode> replay = Chat.joinSince(reader, ROOM, 0);
        assertThat(replay).extracting(m -> m.path("id").asLong())
            .as("a fresh reader's history").containsExactlyElementsOf(range(MESSAGES));
        for (JsonNode msg : replay) {
          int n = Integer.parseInt(msg.path("text").asText().substring(2));
          assertThat(msg.path("id").asLong()).as("id of %s", msg.path("text")).isEqualTo(acks.get(n).id());
          assertThat(msg.path("ts").asLong()).isEqualTo(acks.get(n).ts());
          assertThat(msg.path("from").asText()).isEqualTo("alice");
        }
      }
    }
  }

  private static void publish(ParleyClient alice, List<CompletableFuture<ServerFrame.Ack>> sends,
      Map<Integer, ServerFrame.Ack> acks, AtomicInteger twice) {
    for (int n = 1; n <= MESSAGES; n++) {
      int number = n;
      CompletableFuture<ServerFrame.Ack> send = alice.send(ROOM, "n " + number);
      send.whenComplete((ack, e) -> {
        if (ack != null && acks.putIfAbsent(number, ack) != null) {
          twice.incrementAndGet();
        }
      });
      sends.add(send);
      try {
        Thread.sleep(SEND_EVERY.toMillis()); // pacing the stream, not waiting for anything
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static List<Long> range(int n) {
    return LongStream.rangeClosed(1, n).boxed().toList();
  }
}
