package dev.parley.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    long millis = 1_000_000;

    public long millis() {
      return millis;
    }

    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(3, 10, 1000, 8000), clock);

  @Test
  void aUserFailsThreeTimesFreelyThenWaitsLongerAfterEachFailureUpToTheCeiling() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("ann", "h1");
      assertThat(throttle.waitMillis("ann", "h2")).isZero();
    }
    long[] expected = {1000, 2000, 4000, 8000, 8000};
    for (long wait : expected) {
      throttle.failed("ann", "h1");
      assertThat(throttle.waitMillis("ann", "h2")).isEqualTo(wait);
      clock.millis += wait;
    }
  }

  @Test
  void aSuccessClearsTheUserButNotTheHost() {
    for (int i = 0; i < 11; i++) {
      throttle.failed(i % 2 == 0 ? "ann" : "bob", "h1");
    }
    assertThat(throttle.waitMillis("carol", "h1")).isEqualTo(1000);
    throttle.succeeded("ann");
    assertThat(throttle.waitMillis("ann", "h2")).isZero();
    assertThat(throttle.waitMillis("ann", "h1")).isEqualTo(1000);
  }

  @Test
  void failuresAreForgottenAfterAQuarterOfAnHourWithoutAny() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("ann", "h1");
    }
    clock.millis += 16 * 60_000;
    throttle.failed("ann", "h1");
    assertThat(throttle.waitMillis("ann", "h1")).isZero();
  }
}
