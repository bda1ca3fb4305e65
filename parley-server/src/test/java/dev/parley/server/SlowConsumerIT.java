package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Contract section "Errors and bad input": a client too slow to read is closed, and the others
 * lose nothing.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Transport.class)
class SlowConsumerIT extends ServerFixture {
  // Each burst puts BATCH × 4 KB before every reader at once; it stays well under the 4×
  // hard limit (256 KB here), so a reader that keeps up is never cut by one burst on a busy
  // machine, while the sloth, which reads nothing, soon passes it.
  private static final int BATCH = 20;
  private static final int MAX_MESSAGES = 20_000;
  private static final String PADDING = "x".repeat(4000);

  @Override
  protected ServerConfig baseConfig(ServerConfig defaults) {
    return defaults.withMaxPendingBytes(64 * 1024).withRatePerSecond(UNLIMITED);
  }

  @Test
  void aMemberThatStopsReadingIsClosedAndTheOthersKeepReceivingEveryMessage() {
    WireClient sloth = connectSlowReader();
    sloth.sendFrame("type", "hello", "user", "sloth");
    sloth.expect("welcome");
    join(sloth, "lobby");
    WireClient ann = guest("ann");
    join(ann, "lobby");
    WireClient bob = guest("bob");
    join(bob, "lobby");
    ann.expect("presence");
    sloth.pauseReading();

    List<JsonNode> annReceived = new ArrayList<>();
    List<JsonNode> bobReceived = new ArrayList<>();
    int sent = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!sawSlothLeave(bob) && sent < MAX_MESSAGES && System.nanoTime() < deadline) {
      for (int i = 0; i < BATCH / 2; i++) {
        ann.sendFrame("type", "send", "room", "lobby", "text", "ann " + sent + " " + PADDING);
        bob.sendFrame("type", "send", "room", "lobby", "text", "bob " + sent + " " + PADDING);
        sent += 2;
      }
      annReceived.addAll(takeMsgs(ann, BATCH, "ack", "presence"));
      bobReceived.addAll(takeMsgs(bob, BATCH, "ack", "presence"));
    }

    assertThat(sawSlothLeave(bob)).as("sloth left after %d messages", sent).isTrue();
    assertThat(sawSlothLeave(ann)).isTrue();
    assertThat(ids(annReceived)).containsExactlyElementsOf(range(1, sent));
    assertThat(ids(bobReceived)).containsExactlyElementsOf(range(1, sent));
    assertThat(ann.seen()).filteredOn(f -> f.path("type").asText().equals("ack")).hasSize(sent / 2);
    bob.sendFrame("type", "who", "room", "lobby");
    assertThat(bob.expect("who").path("members"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("ann", "bob");

    sloth.resumeReading();
    List<JsonNode> slothFrames = sloth.awaitClosed(Duration.ofSeconds(30));
    // The server closed it as a slow consumer, and said nothing else: the bye itself may never
    // reach a reader that far behind (protocol.md), but if it does, it says why.
    assertThat(MetricsPage.value(server(), "parley_byes_total{reason=\"slow_consumer\"}")).isEqualTo(1.0);
    assertThat(slothFrames)
        .filteredOn(f -> f.path("type").asText().equals("bye"))
        .hasSizeLessThanOrEqualTo(1)
        .allSatisfy(f -> assertThat(f.path("reason").asText()).isEqualTo("slow_consumer"));
  }

  private static boolean sawSlothLeave(WireClient client) {
    return client.seen().stream()
        .anyMatch(
            f ->
                f.path("type").asText().equals("presence")
                    && f.path("user").asText().equals("sloth")
                    && f.path("event").asText().equals("leave"));
  }
}
