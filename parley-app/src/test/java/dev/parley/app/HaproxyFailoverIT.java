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
 * Two real nodes of one cluster (PostgreSQL and Redis) with a real HAProxy in front (the
 * configuration docs/cluster.md shows). A library client that knows only HAProxy's address
 * sends a numbered stream; a second client, connected straight to the other node, hears it
 * live through Redis; the sender's node is killed with SIGKILL mid-stream; the sender
 * reconnects through HAProxy to the other node and keeps sending. Nothing acknowledged is lost,
 * nothing is stored or heard twice, by the sender, the other node's client or a late reader.
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
  void everyMemberHasEveryAckedMessageOnceWhenTheSendersNodeIsKilledUnderLoad(Front front) throws Exception {
    Haproxy haproxy = cluster.start(dir, 2, "--rate", "200");
    Heard heard = new Heard();
    Heard direct = new Heard();
    try (ParleyClient alice = client(front.endpoint.apply(haproxy), "alice", heard)) {
      alice.join(ROOM).get(30, TimeUnit.SECONDS);
      String holder = cluster.holderOf(front.backend, 1);
      String survivor = holder.equals("n1") ? "n2" : "n1";
      // dave never goes through HAProxy: he is on the node that survives from the start, so
      // until the kill he hears alice's messages only through the cluster.
      int davesPort = cluster.node(survivor).tcpAddress().getPort();
      try (ParleyClient dave = client(Endpoint.tcp("127.0.0.1", davesPort), "dave", direct)) {
        dave.join(ROOM).get(30, TimeUnit.SECONDS);

        Map<Integer, ServerFrame.Ack> acks = new ConcurrentHashMap<>();
        List<CompletableFuture<ServerFrame.Ack>> sends = new CopyOnWriteArrayList<>();
        AtomicInteger twice = new AtomicInteger();
        Thread publisher = new Thread(() -> publish(alice, sends, acks, twice), "publisher");
        publisher.start();

        await().atMost(LIMIT).until(() -> acks.size() >= KILL_AT && direct.messages.size() >= KILL_AT / 2);
        cluster.node(holder).kill9();
        assertThat(acks.size()).as("acks when the node was killed").isLessThan(MESSAGES);

        await().atMost(LIMIT).until(() -> alice.state() == ConnectionState.CONNECTED
            && haproxy.sessions(front.backend).get(survivor) == 1);
        publisher.join(LIMIT.toMillis());
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        for (Heard member : List.of(heard, direct)) {
          await().atMost(LIMIT).until(() -> member.messages.size() >= MESSAGES);
          await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
              .until(() -> member.messages.size() == MESSAGES);
        }

        assertThat(twice.get()).as("sends acknowledged twice").isZero();
        assertThat(acks.values().stream().map(ServerFrame.Ack::id).sorted().toList())
            .as("each send stored once, ids gapless").containsExactlyElementsOf(range(MESSAGES));
        assertEveryAckOnceInOrder("alice, through HAProxy", heard.messages, acks);
        assertEveryAckOnceInOrder("dave, on the surviving node", direct.messages, acks);
        assertThat(heard.logins.get()).as("alice's logins: first, then on the survivor").isGreaterThanOrEqualTo(2);
        assertThat(direct.disconnects.get()).as("dave's connection was never cut").isZero();
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
  }

  /** A member's stream: ids 1…MESSAGES once each in order, each with its acked text and time. */
  private static void assertEveryAckOnceInOrder(String member, List<ServerFrame.Msg> heard,
      Map<Integer, ServerFrame.Ack> acks) {
    assertThat(heard).extracting(ServerFrame.Msg::id)
        .as("%s: no repeats, no gaps", member).containsExactlyElementsOf(range(MESSAGES));
    for (ServerFrame.Msg msg : heard) {
      ServerFrame.Ack ack = acks.get(Integer.parseInt(msg.text().substring(2)));
      assertThat(msg.id()).as("%s: id of %s", member, msg.text()).isEqualTo(ack.id());
      assertThat(msg.ts()).as("%s: ts of %s", member, msg.text()).isEqualTo(ack.ts());
    }
  }

  private static ParleyClient client(Endpoint endpoint, String user, Heard heard) throws Exception {
    ClientOptions options = ClientOptions.of(endpoint, Credentials.register(user, "correct horse"))
        .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
        .withFramesPerSecond(150);
    ParleyClient client = ParleyClient.create(options).addListener(heard);
    client.connect().get(30, TimeUnit.SECONDS);
    return client;
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
