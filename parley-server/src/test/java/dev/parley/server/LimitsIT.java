package dev.parley.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.parley.testkit.WireClient.frame;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Contract section "Errors and bad input": frame size, rate and error budget limits. */
@ParameterizedClass(name = "{0}")
@EnumSource(Transport.class)
class LimitsIT extends ServerFixture {
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  @Test
  void aFrameOverTheLimitGetsTooLargeAndTheConnectionIsClosedWithoutHarmingOthers() {
    configure(c -> c.withMaxFrameBytes(1024));
    WireClient ann = guest("ann");
    WireClient bob = guest("bob");
    join(ann, "lobby");
    join(bob, "lobby");
    ann.expect("presence");
    say(ann, "lobby", "x".repeat(900));
    bob.expect("msg");

    ann.sendFrame("type", "send", "room", "lobby", "text", "x".repeat(2000), "ref", "big");

    List<JsonNode> frames = ann.awaitClosed(CLOSE_WAIT);
    assertThat(frames).hasSize(1);
    assertThat(frames.get(0).path("type").asText()).isEqualTo("error");
    assertThat(frames.get(0).path("code").asText()).isEqualTo("too_large");
    assertThat(bob.expect("presence").path("event").asText()).isEqualTo("leave");
    assertThat(say(bob, "lobby", "after the big one").path("id").asLong()).isEqualTo(2);
  }

  @Test
  void aFloodPastTheRateGetsRateLimitedOnceTheBurstOfTwiceTheRateIsSpent() {
    configure(c -> c.withRatePerSecond(5));
    WireClient client = connect();
    StringBuilder flood = new StringBuilder();
    for (int i = 1; i <= 30; i++) {
      flood.append(frame("type", "ping", "ref", "p" + i)).append('\n');
    }

    long start = System.nanoTime();
    client.sendLines(flood.toString());
    List<JsonNode> answers = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      answers.add(client.next());
    }
    long answeringMillis = (System.nanoTime() - start) / 1_000_000;

    // The burst of 10 is answered; after it, only what the bucket refilled while the server
    // worked through the flood (5 a second, and it cannot have taken longer than until the
    // last answer arrived) may be; everything else is refused, in order.
    int refilled = (int) (5 * answeringMillis / 1000) + 1;
    int pongs = 0;
    for (int i = 1; i <= 30; i++) {
      var frame = answers.get(i - 1);
      if (frame.path("type").asText().equals("pong")) {
        assertThat(i).as("p%d answered after a refusal", i).isEqualTo(pongs + 1);
        pongs++;
      } else {
        assertThat(frame.path("code").asText()).isEqualTo("rate_limited");
      }
      assertThat(refOf(frame)).isEqualTo("p" + i);
    }
    assertThat(pongs).isBetween(10, 10 + refilled);
    client.assertNoMoreFrames();
  }

  @Test
  void aRateLimitedSendIsDroppedNotStoredAndTheBucketRefills() {
    configure(c -> c.withRatePerSecond(5));
    WireClient bob = guest("bob");
    join(bob, "lobby");
    WireClient ann = guest("ann");
    join(ann, "lobby");
    bob.expect("presence");
    StringBuilder flood = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      flood.append(frame("type", "send", "room", "lobby", "text", "t" + i, "ref", "s" + i));
      flood.append('\n');
    }

    ann.sendLines(flood.toString());

    List<String> stored = new ArrayList<>();
    int limited = 0;
    while (stored.size() + limited < 20) {
      JsonNode frame = ann.next();
      switch (frame.path("type").asText()) {
        case "ack" -> stored.add("t" + refOf(frame).substring(1));
        case "error" -> {
          assertThat(frame.path("code").asText()).isEqualTo("rate_limited");
          limited++;
        }
        case "msg" -> { }
        default -> throw new AssertionError("unexpected " + frame);
      }
    }
    assertThat(stored).hasSizeBetween(1, 10);
    assertThat(limited).isGreaterThanOrEqualTo(10);
    assertThat(takeMsgs(bob, stored.size())).extracting(m -> m.path("text").asText())
        .containsExactlyElementsOf(stored);
    bob.assertNoMoreFrames();
    bob.sendFrame("type", "history", "room", "lobby");
    JsonNode history = bob.expect("history");
    assertThat(history.path("messages")).extracting(m -> m.path("text").asText())
        .containsExactlyElementsOf(stored);

    await()
        .pollDelay(Duration.ofMillis(300))
        .pollInterval(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              ann.sendFrame("type", "ping");
              JsonNode frame = ann.next();
              while (frame.path("type").asText().equals("msg")) {
                frame = ann.next();
              }
              assertThat(frame.path("type").asText()).isEqualTo("pong");
            });
  }

  @Test
  void moreThan50ErrorsInAMinuteCloseTheConnectionWithByeTooManyErrors() {
    configure(c -> c.withRatePerSecond(UNLIMITED));
    WireClient ann = guest("ann");
    WireClient bob = guest("bob");
    for (int i = 0; i < 50; i++) {
      ann.send("nope");
      ann.expectError("bad_request");
    }
    ann.sendFrame("type", "ping", "ref", "p");
    ann.expect("pong");

    ann.send("nope");

    List<JsonNode> frames = ann.awaitClosed(CLOSE_WAIT);
    assertThat(frames).extracting(f -> f.path("type").asText()).containsExactly("error", "bye");
    assertThat(frames.get(0).path("code").asText()).isEqualTo("bad_request");
    assertThat(frames.get(1).path("reason").asText()).isEqualTo("too_many_errors");
    bob.sendFrame("type", "ping");
    bob.expect("pong");
  }

  @Test
  void theErrorBudgetIsConfigurable() {
    configure(c -> c.withErrorBudget(3));
    WireClient ann = guest("ann");
    for (int i = 0; i < 3; i++) {
      ann.sendFrame("type", "send", "room", "nowhere", "text", "x");
      ann.expectError("not_in_room");
    }

    ann.sendFrame("type", "leave", "room", "nowhere");

    List<JsonNode> frames = ann.awaitClosed(CLOSE_WAIT);
    assertThat(frames).extracting(f -> f.path("type").asText()).containsExactly("error", "bye");
    assertThat(frames.get(1).path("reason").asText()).isEqualTo("too_many_errors");
  }

  @Test
  void rateLimitedErrorsCountAgainstTheErrorBudget() {
    configure(c -> c.withRatePerSecond(5).withErrorBudget(5));
    WireClient client = connect();
    StringBuilder flood = new StringBuilder();
    for (int i = 1; i <= 30; i++) {
      flood.append("{\"type\":\"ping\"}\n");
    }

    client.sendLines(flood.toString());

    List<String> frames = new ArrayList<>();
    for (JsonNode f : client.awaitClosed(CLOSE_WAIT)) {
      frames.add(f.path("type").asText() + " " + f.path("code").asText(f.path("reason").asText()));
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      expected.add("pong ");
    }
    for (int i = 0; i < 6; i++) {
      expected.add("error rate_limited");
    }
    expected.add("bye too_many_errors");
    assertThat(frames).containsExactlyElementsOf(expected);
  }
}
