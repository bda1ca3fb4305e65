package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testkit.WireClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A password-guessing loop is slowed, then refused unchecked, and the owner gets back in. */
class LoginThrottleIT extends ServerFixture {

  private String attempt(String password) {
    try (WireClient c = connect()) {
      c.sendFrame("type", "hello", "user", "ann", "password", password);
      var frame = c.next();
      return frame.path("type").asText().equals("welcome") ? "welcome" : frame.path("code").asText();
    }
  }

  @Test
  void guessingIsRefusedAfterAFewFailuresAndTheRightPasswordWorksOnceTheDelayPassed() {
    register("ann");
    for (int i = 0; i < 4; i++) {
      assertThat(attempt("guess number " + i)).isEqualTo("auth_failed");
    }

    assertThat(attempt("guess number 5")).isEqualTo("rate_limited");
    assertThat(attempt(PASSWORD)).as("even the right password waits").isEqualTo("rate_limited");

    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
        .until(() -> attempt(PASSWORD).equals("welcome"));
    assertThat(attempt("a wrong one again")).as("a success starts the count again").isEqualTo("auth_failed");
  }
}
