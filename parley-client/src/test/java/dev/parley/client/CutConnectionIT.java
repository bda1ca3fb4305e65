package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.ServerFrame;
import dev.parley.testkit.Fault;
import dev.parley.testkit.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A client behind a {@link FaultProxy} whose connection is cut with a reset again and again
 * while messages flow both ways: it resumes each time, and in the end has heard every message
 * exactly once, in order, and had each of its own sends acknowledged exactly once.
 */
class CutConnectionIT extends ClientFixture {
  private static final int CUTS = 5;
  /** Per round: pub sends this many, the cut client a fifth as many. */
  private static final int PUB_PER_ROUND = 30;
  private static final int OWN_PER_ROUND = PUB_PER_ROUND / 5;

  @Test
  void aClientCutOffAgainAndAgainWhileMessagesFlowLosesNothingAndRepeatsNothing() {
    server(c -> c.withRatePerSecond(1000));
    Recorder pubHears = new Recorder();
    Recorder cutHears = new Recorder();
    ParleyClient pub = connect(options(Credentials.guest("pub")).withFramesPerSecond(60), pubHears);
    done(pub.join("lobby"));
    try (FaultProxy proxy = FaultProxy.start(server().tcpAddress())) {
      // A little delay each way, so that every cut finds frames in flight both ways.
      proxy.apply(Fault.delay(Duration.ofMillis(20)));
      ParleyClient cut = connect(
          options(Credentials.register("cutme", PASSWORD))
              .withEndpoint(Endpoint.tcp("127.0.0.1", proxy.address().getPort()))
              .withFramesPerSecond(60),
          cutHears);
      done(cut.join("lobby"));

      Map<String, CompletableFuture<ServerFrame.Ack>> sends = new TreeMap<>();
      for (int round = 1; round <= CUTS; round++) {
        int cutsSoFar = round - 1;
        // Logged in on a connection made after the last cut (not still on the cut one).
        await().atMost(WAIT).until(() -> proxy.acceptedCount() > cutsSoFar
            && proxy.connections().size() == 1
            && cut.state() == ConnectionState.CONNECTED);
        int heardBefore = cutHears.messages.size();
        for (int i = 1; i <= PUB_PER_ROUND; i++) {
          sends.put("pub " + round + "." + i, pub.send("lobby", "pub " + round + "." + i));
          if (i % 5 == 0) {
            String text = "cut " + round + "." + i / 5;
            sends.put(text, cut.send("lobby", text));
          }
        }
        // Cut once the round is flowing: some of it heard, the rest paced out behind it.
        await().atMost(WAIT).until(() ->
            cut.state() == ConnectionState.CONNECTED && cutHears.messages.size() >= heardBefore + 3);
        proxy.cutAll();
      }

      Map<Long, String> storedTexts = new TreeMap<>();
      sends.forEach((text, ack) -> storedTexts.put(done(ack).id(), text));
      int total = CUTS * (PUB_PER_ROUND + OWN_PER_ROUND);
      assertThat(storedTexts).as("one distinct id per send").hasSize(total);
      assertThat(storedTexts.keySet()).containsExactlyElementsOf(range(1, total));

      await().atMost(WAIT).until(() -> cutHears.messages.size() >= total && pubHears.messages.size() >= total);
      assertThat(cutHears.ids("lobby")).containsExactlyElementsOf(range(1, total));
      assertThat(cutHears.texts("lobby")).containsExactlyElementsOf(storedTexts.values());
      assertThat(pubHears.ids("lobby")).containsExactlyElementsOf(range(1, total));
      assertThat(cutHears.count(ConnectionState.DISCONNECTED)).isGreaterThanOrEqualTo(CUTS);
      assertThat(proxy.acceptedCount()).isGreaterThanOrEqualTo(CUTS + 1);
      await().atMost(WAIT).until(() -> cut.state() == ConnectionState.CONNECTED);
    }
  }

  private static List<Long> range(long from, long to) {
    return new ArrayList<>(LongStream.rangeClosed(from, to).boxed().toList());
  }
}
