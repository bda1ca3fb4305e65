package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.app.ClientChaosIT.Heard;
import dev.parley.client.ClientOptions;
import dev.parley.client.Credentials;
import dev.parley.client.Endpoint;
import dev.parley.client.ParleyClient;
import dev.parley.protocol.ServerFrame;
import dev.parley.testkit.Haproxy;
import dev.parley.testkit.WireClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling restart (docs/cluster.md, "Rolling restart"): three nodes of one cluster behind
 * HAProxy are restarted one at a time (SIGTERM, wait for the exit, start again with the same
 * flags, wait until HAProxy's checks have it UP again) while clients that know only HAProxy's
 * address, over TCP and WebSocket, keep talking in one room. Each restart cuts some of them
 * off; they resume on the other nodes. Every acknowledged message reaches every member once,
 * in id order, and nothing is stored twice.
 */
class HaproxyRollingRestartIT {
  private static final String ROOM = "rolling";
  private static final int CLIENTS = 6;
  /** Six clients at two messages a second each: a steady load that stays under one replay (1000). */
  private static final Duration SEND_EVERY = Duration.ofMillis(500);
  /** Messages each client sends after the last node is back, so every client talks to it. */
  private static final int AFTER = 5;
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @RegisterExtension final HaproxyCluster cluster = new HaproxyCluster();
  @TempDir Path dir;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void restartingEachNodeInTurnLosesAndRepeatsNothing() throws Exception {
    Haproxy haproxy = cluster.start(dir, 3, "--rate", "200");
    List<Talker> talkers = new ArrayList<>();
    try {
      for (int i = 1; i <= CLIENTS; i++) {
        Talker t = new Talker("user" + i, i % 2 == 0
            ? Endpoint.tcp("127.0.0.1", haproxy.tcpAddress().getPort())
            : Endpoint.webSocket(URI.create("ws://127.0.0.1:" + haproxy.httpAddress().getPort() + "/ws")));
        talkers.add(t);
        t.client.join(ROOM).get(30, TimeUnit.SECONDS);
      }
      talkers.forEach(Talker::start);

      long began = System.nanoTime();
      for (String node : List.of("n1", "n2", "n3")) {
        await("clients on " + node + " before its restart").atMost(LIMIT)
            .until(() -> connections(haproxy, node) > 0);
        int acksBefore = totalAcks(talkers);
        assertThat(cluster.restart(node)).as("%s's exit status after SIGTERM", node).isZero();
        await(node + " UP again").atMost(LIMIT).until(() -> haproxy.status(node).equals("UP"));
        await("messages acknowledged after " + node + "'s restart").atMost(LIMIT)
            .until(() -> totalAcks(talkers) >= acksBefore + CLIENTS);
      }
      Duration restarts = Duration.ofNanos(System.nanoTime() - began);
      System.out.printf("three restarts in %d ms, %d messages acknowledged meanwhile%n", restarts.toMillis(), totalAcks(talkers));
      assertThat(restarts).as("three restarts").isLessThan(LIMIT);

      talkers.forEach(t -> t.stopAfter(AFTER));
      for (Talker t : talkers) {
        t.awaitAllAcked();
      }
      int total = totalAcks(talkers);
      for (Talker t : talkers) {
        await(t.name + " hears everything").atMost(LIMIT).until(() -> t.heard.messages.size() >= total);
      }
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
          .until(() -> talkers.stream().allMatch(t -> t.heard.messages.size() == total));

      List<ServerFrame.Ack> every = talkers.stream().flatMap(t -> t.acks.values().stream()).toList();
      assertThat(every).extracting(ServerFrame.Ack::id).as("each send stored once, ids gapless")
          .containsExactlyInAnyOrderElementsOf(range(total));
      for (Talker t : talkers) {
        assertThat(t.twice.get()).as("%s: sends acknowledged twice", t.name).isZero();
        assertThat(t.heard.messages).extracting(ServerFrame.Msg::id)
            .as("%s: every message once, in order", t.name).containsExactlyElementsOf(range(total));
        assertThat(t.heard.logins.get()).as("%s: logged in again after being cut off", t.name)
            .isGreaterThanOrEqualTo(2);
        assertOwnStreamMatchesAcks(t);
      }
      assertThat(total).as("messages, fewer than one join replays").isLessThan(1000);
      try (WireClient reader = WireClient.guest(haproxy.tcpAddress(), "reader")) {
        List<JsonNode> replay = Chat.joinSince(reader, ROOM, 0);
        assertThat(replay).extracting(m -> m.path("id").asLong())
            .as("a fresh reader's history").containsExactlyElementsOf(range(total));
      }
    } finally {
      talkers.forEach(Talker::close);
    }
  }

  /** What a member heard from itself is its own sends, in order, with their acked ids. */
  private static void assertOwnStreamMatchesAcks(Talker t) {
    List<ServerFrame.Msg> own = t.heard.messages.stream().filter(m -> m.from().equals(t.name)).toList();
    assertThat(own).extracting(ServerFrame.Msg::text).as("%s's own messages", t.name)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, t.acks.size()).mapToObj(n -> "n " + n).toList());
    for (ServerFrame.Msg m : own) {
      assertThat(m.id()).as("%s: id of %s", t.name, m.text())
          .isEqualTo(t.acks.get(Integer.parseInt(m.text().substring(2))).id());
    }
  }

  private static int connections(Haproxy haproxy, String node) {
    return haproxy.sessions("parley_tcp_nodes").get(node) + haproxy.sessions("parley_http_nodes").get(node);
  }

  private static int totalAcks(List<Talker> talkers) {
    return talkers.stream().mapToInt(t -> t.acks.size()).sum();
  }

  private static List<Long> range(int n) {
    return LongStream.rangeClosed(1, n).boxed().toList();
  }

  /** One library client through HAProxy, sending a numbered stream from its own thread. */
  private static final class Talker implements AutoCloseable {
    final String name;
    final Heard heard = new Heard();
    final ParleyClient client;
    final Map<Integer, ServerFrame.Ack> acks = new ConcurrentHashMap<>();
    final List<CompletableFuture<ServerFrame.Ack>> sends = new CopyOnWriteArrayList<>();
    final AtomicInteger twice = new AtomicInteger();
    private final AtomicInteger last = new AtomicInteger(Integer.MAX_VALUE);
    private final Thread thread;

    Talker(String name, Endpoint endpoint) throws Exception {
      this.name = name;
      ClientOptions options = ClientOptions.of(endpoint, Credentials.register(name, "correct horse"))
          .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
          .withFramesPerSecond(150);
      this.client = ParleyClient.create(options).addListener(heard);
      client.connect().get(30, TimeUnit.SECONDS);
      this.thread = new Thread(this::talk, "talker-" + name);
    }

    void start() {
      thread.start();
    }

    /** Sends {@code more} messages after the ones sent so far, then stops. */
    void stopAfter(int more) {
      last.set(sends.size() + more);
    }

    void awaitAllAcked() throws Exception {
      thread.join(LIMIT.toMillis());
      assertThat(thread.isAlive()).as("%s still sending", name).isFalse();
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(LIMIT.toSeconds(), TimeUnit.SECONDS);
    }

    private void talk() {
      for (int n = 1; n <= last.get() && n < 100_000; n++) {
        int number = n;
        CompletableFuture<ServerFrame.Ack> send = client.send(ROOM, "n " + number);
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

    @Override
    public void close() {
      thread.interrupt();
      client.close();
    }
  }
}
