package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.ClientListener;
import dev.parley.client.ClientOptions;
import dev.parley.client.ConnectionState;
import dev.parley.client.Credentials;
import dev.parley.client.Endpoint;
import dev.parley.client.ParleyClient;
import dev.parley.protocol.ServerFrame;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
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
 * The library's promise against a real server process that is killed with SIGKILL and
 * restarted, several times, while a publisher sends a numbered stream: the subscriber's listener
 * ends up with every acknowledged message exactly once and in order, and every send the
 * publisher started is acknowledged exactly once.
 */
class ClientChaosIT {
  private static final int MESSAGES = 400;
  private static final int KILLS = 6;
  private static final Duration SEND_EVERY = Duration.ofMillis(20);
  private static final Duration LIMIT = Duration.ofSeconds(90);
  private static final String ROOM = "chaos";

  @RegisterExtension final ServerProcesses servers = new ServerProcesses();
  @TempDir Path dataDir;

  /** What a client's listener heard. */
  static final class Heard implements ClientListener {
    final List<ServerFrame.Msg> messages = new CopyOnWriteArrayList<>();
    final AtomicInteger disconnects = new AtomicInteger();
    final AtomicInteger logins = new AtomicInteger();

    @Override
    public void message(ServerFrame.Msg message) {
      messages.add(message);
    }

    @Override
    public void stateChanged(ConnectionState state, String detail) {
      if (state == ConnectionState.DISCONNECTED) {
        disconnects.incrementAndGet();
      } else if (state == ConnectionState.CONNECTED) {
        logins.incrementAndGet();
      }
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void everyAcknowledgedMessageArrivesOnceAndInOrderWhileTheServerIsKilledAndRestarted() throws Exception {
    long started = System.nanoTime();
    ServerProcess server = servers.startOnPort(dataDir, ServerProcess.freePort(), "--rate", "200");
    int port = server.tcpAddress().getPort();
    Heard subHeard = new Heard();
    Heard pubHeard = new Heard();
    try (ParleyClient sub = client(port, "sub", subHeard);
        ParleyClient pub = client(port, "pub", pubHeard)) {
      sub.join(ROOM).get(30, TimeUnit.SECONDS);
      pub.join(ROOM).get(30, TimeUnit.SECONDS);

      Map<Integer, ServerFrame.Ack> acks = new ConcurrentHashMap<>();
      AtomicInteger completions = new AtomicInteger();
      List<CompletableFuture<ServerFrame.Ack>> sends = new CopyOnWriteArrayList<>();
      // The publisher may run at most half a stage past the next kill's threshold until that
      // kill has happened: a slow restart on a busy machine cannot let the whole stream drain
      // through before the next kill, so every kill still cuts a stream in progress.
      int stage = MESSAGES / (KILLS + 1);
      AtomicInteger sendCap = new AtomicInteger(stage + stage / 2);
      Thread publisher = new Thread(() -> publish(pub, sends, acks, completions, sendCap), "publisher");
      publisher.start();

      // Kill number k once k/(KILLS+1) of the stream is acknowledged and the publisher is logged
      // in: every kill cuts a live connection while the publisher is still sending.
      List<Integer> acksAtKills = new ArrayList<>();
      for (int kill = 1; kill <= KILLS; kill++) {
        int threshold = kill * MESSAGES / (KILLS + 1);
        await().atMost(LIMIT).until(() -> acks.size() >= threshold && pub.state() == ConnectionState.CONNECTED);
        acksAtKills.add(acks.size());
        server = servers.killAndRestart(server);
        sendCap.set(kill == KILLS ? MESSAGES : (kill + 1) * stage + stage / 2);
      }
      publisher.join(LIMIT.toMillis());
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(LIMIT.toSeconds(), TimeUnit.SECONDS);
      await().atMost(LIMIT).until(() -> subHeard.messages.size() >= MESSAGES);
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
          .until(() -> subHeard.messages.size() == MESSAGES);

      assertThat(sends).hasSize(MESSAGES);
      assertThat(completions.get()).as("acks completed").isEqualTo(MESSAGES);
      List<Long> ackIds = acks.values().stream().map(ServerFrame.Ack::id).sorted().toList();
      assertThat(ackIds).as("each send stored once").containsExactlyElementsOf(range(MESSAGES));
      assertThat(subHeard.messages).extracting(ServerFrame.Msg::id).containsExactlyElementsOf(range(MESSAGES));
      for (ServerFrame.Msg msg : subHeard.messages) {
        int n = Integer.parseInt(msg.text().substring(2));
        assertThat(msg.id()).as("id of %s", msg.text()).isEqualTo(acks.get(n).id());
        assertThat(msg.ts()).isEqualTo(acks.get(n).ts());
      }
      assertThat(new HashSet<>(pubHeard.messages)).hasSize(MESSAGES).containsAll(subHeard.messages);
      assertThat(acksAtKills).as("acks at each kill").allMatch(n -> n < MESSAGES);
      // The subscriber may sleep through two kills in one backoff; the publisher cannot.
      assertThat(pubHeard.logins.get()).as("publisher logins").isGreaterThanOrEqualTo(KILLS + 1);
      assertThat(subHeard.logins.get()).as("subscriber logins").isGreaterThanOrEqualTo(2);
      System.out.printf(
          "chaos: %d messages, %d kills and restarts (acks at each: %s); logins: publisher %d, subscriber %d; %.1f s%n",
          MESSAGES, KILLS, acksAtKills, pubHeard.logins.get(), subHeard.logins.get(),
          (System.nanoTime() - started) / 1e9);
    }
  }

  private static void publish(ParleyClient pub, List<CompletableFuture<ServerFrame.Ack>> sends,
      Map<Integer, ServerFrame.Ack> acks, AtomicInteger completions, AtomicInteger sendCap) {
    for (int n = 1; n <= MESSAGES; n++) {
      int number = n;
      await().atMost(LIMIT).pollInterval(Duration.ofMillis(5)).until(() -> number <= sendCap.get());
      CompletableFuture<ServerFrame.Ack> send = pub.send(ROOM, "n " + number);
      send.whenComplete((ack, e) -> {
        completions.incrementAndGet();
        if (ack != null && acks.putIfAbsent(number, ack) != null) {
          throw new AssertionError("acknowledged twice: " + number);
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

  private static ParleyClient client(int port, String user, Heard heard) throws Exception {
    ClientOptions options =
        ClientOptions.of(Endpoint.tcp("127.0.0.1", port), Credentials.register(user, "correct horse"))
            .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
            .withFramesPerSecond(150);
    ParleyClient client = ParleyClient.create(options).addListener(heard);
    client.connect().get(30, TimeUnit.SECONDS);
    return client;
  }

  private static List<Long> range(int n) {
    return new ArrayList<>(LongStream.rangeClosed(1, n).boxed().toList());
  }
}
