package dev.parley.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LimitsTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void theBucketStartsFullWithTwiceTheRateAndRefillsAtTheRate() {
    RateLimiter limiter = new RateLimiter(5, 0);
    int allowed = 0;
    for (int i = 0; i < 30; i++) {
      if (limiter.tryAcquire(0)) {
        allowed++;
      }
    }
    assertThat(allowed).isEqualTo(10);
    assertThat(limiter.tryAcquire(SECOND / 5)).isTrue();
    assertThat(limiter.tryAcquire(SECOND / 5)).isFalse();
    assertThat(limiter.tryAcquire(100 * SECOND)).isTrue();
  }

  @Test
  void theErrorBudgetIsExceededByTheErrorAfterItInOneMinute() {
    ErrorBudget budget = new ErrorBudget(50);
    for (int i = 0; i < 50; i++) {
      assertThat(budget.spend(i)).isFalse();
    }
    assertThat(budget.spend(51)).isTrue();
  }

  @Test
  void errorsOlderThanAMinuteNoLongerCount() {
    ErrorBudget budget = new ErrorBudget(2);
    budget.spend(0);
    budget.spend(1);
    assertThat(budget.spend(61 * SECOND)).isFalse();
  }
}
