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
  private final LoginThrottle throttle =
      new LoginThrottle(new LoginThrottle.Limits(3, 10, 6, 1000, 8000), clock);

  @Test
  void aUserFailsThreeTimesFreelyFromOneHostThenWaitsLongerAfterEachFailureUpToTheCeiling() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("ann", "h1");
      assertThat(throttle.waitMillis("ann", "h1")).isZero();
    }
    long[] expected = {1000, 2000, 4000, 8000, 8000};
    for (long wait : expected) {
      throttle.failed("ann", "h1");
      assertThat(throttle.waitMillis("ann", "h1")).isEqualTo(wait);
      clock.millis += wait;
    }
  }

  @Test
  void guessesFromManyHostsLockTheUserOnlyForHostsItNeverLoggedInFrom() {
    throttle.succeeded("ann", "home");
    for (int i = 0; i < 7; i++) {
      throttle.failed("ann", "guesser" + i);
    }

    assertThat(throttle.waitMillis("ann", "guesser99")).as("an unknown host").isEqualTo(1000);
    assertThat(throttle.waitMillis("ann", "home")).as("a host ann logged in from").isZero();
    assertThat(throttle.waitMillis(null, "guesser99")).as("a token login").isZero();
    assertThat(throttle.waitMillis("bob", "guesser99")).as("another user").isZero();
  }

  @Test
  void aHostGuessingAtManyUsersIsLockedForAll() {
    for (int i = 0; i < 11; i++) {
      throttle.failed("user" + i, "h1");
    }
    assertThat(throttle.waitMillis("carol", "h1")).isEqualTo(1000);
    assertThat(throttle.waitMillis(null, "h1")).isEqualTo(1000);
    assertThat(throttle.waitMillis("carol", "h2")).isZero();
  }

  @Test
  void aSuccessClearsTheUserAndHostButNotTheHostNorTheUserFromAnywhere() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("ann", "h1");
    }
    for (int i = 0; i < 7; i++) {
      throttle.failed(i % 2 == 0 ? "bob" : "ann", "h" + (i + 2));
    }

    throttle.succeeded("ann", "h1");

    assertThat(throttle.waitMillis("ann", "h1")).isZero();
    assertThat(throttle.waitMillis("ann", "h20")).isPositive();
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

  @Test
  void aKnownHostIsForgottenAfterAMonth() {
    throttle.succeeded("ann", "home");
    clock.millis += LoginThrottle.KNOWN_FOR_MILLIS + 1;
    for (int i = 0; i < 7; i++) {
      throttle.failed("ann", "guesser" + i);
    }
    assertThat(throttle.waitMillis("ann", "home")).isPositive();
  }
}
