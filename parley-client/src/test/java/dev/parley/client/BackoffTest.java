package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff =
      new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), new Random(7));

  @Test
  void delaysDoubleUpToTheMaximumEachInTheUpperHalfOfItsStep() {
    long[] ceilings = {100, 200, 400, 800, 1000, 1000, 1000};
    for (long ceiling : ceilings) {
      long delay = backoff.next().toMillis();
      assertThat(delay).isBetween(ceiling / 2, ceiling);
    }
  }

  @Test
  void aSuccessfulLoginStartsOverFromTheMinimum() {
    for (int i = 0; i < 5; i++) {
      backoff.next();
    }
    backoff.reset();

    assertThat(backoff.next().toMillis()).isBetween(50L, 100L);
  }

  @Test
  void jitterSpreadsClientsThatFailTogether() {
    Backoff other = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), new Random(8));
    boolean differ = false;
    for (int i = 0; i < 5; i++) {
      differ |= !backoff.next().equals(other.next());
    }
    assertThat(differ).isTrue();
  }
}
