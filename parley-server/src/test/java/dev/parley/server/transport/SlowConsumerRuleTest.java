package dev.parley.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The slow-consumer rule every transport shares, on a clock the test moves. */
class SlowConsumerRuleTest {
  private static final long GRACE = TimeUnit.MILLISECONDS.toNanos(SlowConsumerRule.GRACE_MS);
  private static final long LIMIT = 1024 * 1024;

  private long now;
  private final List<Long> dueAt = new ArrayList<>();
  private final List<Runnable> due = new ArrayList<>();
  private int slow;
  private final SlowConsumerRule rule =
      new SlowConsumerRule((task, delay) -> {
        dueAt.add(now + delay);
        due.add(task);
      }, () -> now, () -> slow++);

  /** Moves the clock to {@code t}, running each check that falls due by then. */
  private void at(long t) {
    now = t;
    for (int i = 0; i < due.size(); i++) {
      if (dueAt.get(i) <= t) {
        Runnable task = due.remove(i);
        dueAt.remove(i);
        task.run();
        i = -1;
      }
    }
  }

  @Test
  void outputOverTheLimitForTheWholeGraceIsASlowConsumer() {
    rule.wentOver();
    at(GRACE - 1);
    assertThat(slow).isZero();
    at(GRACE);
    assertThat(slow).isEqualTo(1);
  }

  @Test
  void outputBackUnderWithinTheGraceIsNot() {
    rule.wentOver();
    at(GRACE / 2);
    rule.cameUnder();
    at(10 * GRACE);
    assertThat(slow).isZero();
  }

  @Test
  void theGraceIsCountedFromTheLastTimeTheOutputWentOver() {
    rule.wentOver();
    at(GRACE / 2);
    rule.cameUnder();
    at(GRACE - 1);
    rule.wentOver(); // over again just before the first check
    at(GRACE);
    assertThat(slow).as("not over for the whole grace yet").isZero();
    at(2 * GRACE - 2);
    assertThat(slow).isZero();
    at(2 * GRACE - 1);
    assertThat(slow).isEqualTo(1);
  }

  @Test
  void fourTimesTheLimitIsASlowConsumerAtOnceAndHalfOfItIsBackUnder() {
    assertThat(SlowConsumerRule.isOverHardLimit(4 * LIMIT, LIMIT)).isFalse();
    assertThat(SlowConsumerRule.isOverHardLimit(4 * LIMIT + 1, LIMIT)).isTrue();
    assertThat(SlowConsumerRule.lowWatermark(LIMIT)).isEqualTo(LIMIT / 2);
  }
}
