package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A server that accepts the connection and then never answers: the client pings it after one
 * heartbeat, again after two, gives up after three, and dials again after its backoff.
 */
class SilentServerIT {
  private static final Duration HEARTBEAT = Duration.ofMillis(300);

  /** One accepted connection: when it came, when the client hung up, what it sent. */
  record Accepted(long acceptedNanos, long closedNanos, String received) {
    Duration heldFor() {
      return Duration.ofNanos(closedNanos - acceptedNanos);
    }
  }

  @Test
  void aServerThatNeverAnswersIsAbandonedAfterThreeSilentHeartbeatsAndDialledAgain() throws Exception {
    List<Accepted> accepted = new CopyOnWriteArrayList<>();
    Recorder events = new Recorder();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> acceptSilently(silent, accepted), "silent-server");
      acceptor.setDaemon(true);
      acceptor.start();
      ClientOptions options =
          ClientOptions.of(Endpoint.tcp("127.0.0.1", silent.getLocalPort()), Credentials.guest("alice"))
              .withHeartbeat(HEARTBEAT)
              .withBackoff(Duration.ofMillis(200), Duration.ofMillis(400));
      try (ParleyClient client = ParleyClient.create(options).addListener(events)) {
        client.connect();

        await().atMost(Duration.ofSeconds(10)).until(() -> accepted.size() >= 2);
      }
    }

    Accepted first = accepted.get(0);
    assertThat(first.heldFor()).isBetween(HEARTBEAT.multipliedBy(3), HEARTBEAT.multipliedBy(3).plusMillis(700));
    assertThat(first.received()).startsWith("{\"type\":\"hello\",\"user\":\"alice\"");
    assertThat(first.received().split("\n"))
        .as("hello, then a ping after each of two silent heartbeats")
        .hasSize(3)
        .endsWith("{\"type\":\"ping\"}", "{\"type\":\"ping\"}");
    Duration pause = Duration.ofNanos(accepted.get(1).acceptedNanos() - first.closedNanos());
    assertThat(pause).as("backoff before dialling again").isBetween(Duration.ofMillis(90), Duration.ofMillis(900));
    assertThat(events.states).anyMatch(s -> s.startsWith("DISCONNECTED: the server went silent; reconnecting in"));
  }

  private static void acceptSilently(ServerSocket silent, List<Accepted> accepted) {
    while (!silent.isClosed()) {
      try (Socket socket = silent.accept()) {
        long at = System.nanoTime();
        InputStream in = socket.getInputStream();
        byte[] everything = in.readAllBytes(); // until the client hangs up
        accepted.add(new Accepted(at, System.nanoTime(), new String(everything, java.nio.charset.StandardCharsets.UTF_8)));
      } catch (IOException e) {
        return;
      }
    }
  }
}
