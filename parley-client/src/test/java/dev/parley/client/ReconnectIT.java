package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Connections that fail under the client: it reconnects, logs in again, rejoins from the last
 * id it delivered and resends what was not acknowledged, and the application sees each message
 * once, in order.
 */
class ReconnectIT extends ClientFixture {

  @Test
  void afterTheServerRestartsEveryMessageIsDeliveredOnceAndInOrder() {
    Recorder subHears = new Recorder();
    ParleyClient pub = register("pub", new Recorder());
    ParleyClient sub = register("sub", subHears);
    done(pub.join("lobby"));
    done(sub.join("lobby"));
    for (int i = 1; i <= 5; i++) {
      done(pub.send("lobby", "m" + i));
    }
    await().atMost(WAIT).until(() -> subHears.messages.size() == 5);

    restart();
    for (int i = 6; i <= 10; i++) {
      done(pub.send("lobby", "m" + i));
    }

    await().atMost(WAIT).until(() -> subHears.messages.size() >= 10);
    assertThat(subHears.ids("lobby")).containsExactlyElementsOf(range(1, 10));
    assertThat(subHears.texts("lobby")).containsExactlyElementsOf(
        IntStream.rangeClosed(1, 10).mapToObj(i -> "m" + i).toList());
    assertThat(subHears.count(ConnectionState.DISCONNECTED)).isPositive();
  }

  @Test
  void sendsMadeWhileTheServerIsDownAreAcknowledgedOnceItIsBack() {
    Recorder subHears = new Recorder();
    ParleyClient pub = guest("pub", new Recorder());
    guest("sub", subHears).join("lobby").join();
    done(pub.join("lobby"));

    stopServer();
    await().atMost(WAIT).until(() -> pub.state() != ConnectionState.CONNECTED);
    List<CompletableFuture<ServerFrame.Ack>> acks = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      acks.add(pub.send("lobby", "offline " + i));
    }
    restart();

    assertThat(acks.stream().map(a -> done(a).id()).toList()).containsExactly(1L, 2L, 3L);
    await().atMost(WAIT).until(() -> subHears.messages.size() == 3);
  }

  @Test
  void anUnacknowledgedSendIsResentWithItsRefAndStoredOnce() throws Exception {
    Recorder subHears = new Recorder();
    Recorder pubHears = new Recorder();
    ParleyClient sub = guest("sub", subHears);
    done(sub.join("lobby"));
    try (RecordingProxy proxy = new RecordingProxy(server().tcpAddress())) {
      ParleyClient pub = connect(
          options(Credentials.guest("pub")).withEndpoint(Endpoint.tcp("127.0.0.1", proxy.port())), pubHears);
      done(pub.join("lobby"));
      done(pub.send("lobby", "before"));
      await().atMost(WAIT).until(() -> pubHears.messages.size() == 1);

      proxy.swallowReplies(true); // the server stores it and acks, but the ack is lost
      CompletableFuture<ServerFrame.Ack> lost = pub.send("lobby", "lost ack");
      await().atMost(WAIT).until(() -> subHears.texts("lobby").contains("lost ack"));
      assertThat(lost).isNotDone();
      proxy.cutAll();
      proxy.swallowReplies(false);

      ServerFrame.Ack ack = done(lost);
      done(pub.send("lobby", "after"));

      assertThat(ack.id()).isEqualTo(2);
      List<String> sends = proxy.linesWith("\"lost ack\"");
      assertThat(sends).hasSize(2);
      assertThat(sends.get(1)).isEqualTo(sends.get(0)); // same frame, same ref
      assertThat(proxy.linesWith("\"type\":\"join\"")).last().asString()
          .contains("\"since\":1"); // pub had delivered 1; 2 was swallowed
      await().atMost(WAIT).until(() -> subHears.messages.size() == 3 && pubHears.messages.size() == 3);
      assertThat(subHears.texts("lobby")).containsExactly("before", "lost ack", "after");
      assertThat(pubHears.texts("lobby")).containsExactly("before", "lost ack", "after");
    }
  }

  @Test
  void aServerWithALowerRateThanTheClientsStillGetsEverySendOnce() {
    server(c -> c.withRatePerSecond(5));
    Recorder subHears = new Recorder();
    ParleyClient pub = connect(options(Credentials.guest("pub")).withFramesPerSecond(100), new Recorder());
    done(guest("sub", subHears).join("lobby"));
    done(pub.join("lobby"));

    List<CompletableFuture<ServerFrame.Ack>> acks = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      acks.add(pub.send("lobby", "n" + i));
    }

    assertThat(acks.stream().map(a -> done(a).id()).distinct()).hasSize(30);
    await().atMost(WAIT).until(() -> subHears.messages.size() >= 30);
    assertThat(subHears.ids("lobby")).containsExactlyElementsOf(range(1, 30));
    assertThat(subHears.texts("lobby")).containsExactlyInAnyOrderElementsOf(
        IntStream.rangeClosed(1, 30).mapToObj(i -> "n" + i).toList());
  }

  private static List<Long> range(long from, long to) {
    List<Long> ids = new ArrayList<>();
    for (long i = from; i <= to; i++) {
      ids.add(i);
    }
    return ids;
  }
}
