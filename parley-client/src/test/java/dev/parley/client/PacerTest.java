package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PacerTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aBurstOfTwoSecondsWorthGoesAtOnceThenOneFrameEveryInterval() {
    Pacer pacer = new Pacer(10, 0);
    for (int i = 0; i < 20; i++) {
      assertThat(pacer.take(0)).isZero();
    }
    assertThat(pacer.take(0)).isEqualTo(SECOND / 10);
    assertThat(pacer.take(SECOND / 10)).isZero();
  }

  @Test
  void rateLimitedHalvesTheRateAndItRecoversOverTime() {
    Pacer pacer = new Pacer(20, 0);
    pacer.slowDown(0);
    pacer.slowDown(0);
    assertThat(pacer.rate()).isEqualTo(5);
    assertThat(pacer.take(0)).isPositive();

    pacer.take(5 * SECOND);
    assertThat(pacer.rate()).isCloseTo(10, within(0.01));
    pacer.take(60 * SECOND);
    assertThat(pacer.rate()).isEqualTo(20);
  }

  @Test
  void theRateNeverFallsBelowOneFrameASecond() {
    Pacer pacer = new Pacer(2, 0);
    for (int i = 0; i < 10; i++) {
      pacer.slowDown(i * SECOND);
    }
    assertThat(pacer.rate()).isEqualTo(1);
  }
}
