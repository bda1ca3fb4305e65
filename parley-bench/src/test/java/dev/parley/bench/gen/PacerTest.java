package dev.parley.bench.gen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerTest {
  private static final long MS = 1_000_000;

  @Test
  void eachMessageIsDueAtItsOwnStampNotAPeriodLater() {
    // 10 a second for 1 s: message k is stamped k * 100 ms and must go out then.
    assertThat(Pacer.dueBy(10, 10, 0)).isEqualTo(1);
    assertThat(Pacer.dueBy(10, 10, 99 * MS)).isEqualTo(1);
    assertThat(Pacer.dueBy(10, 10, 100 * MS)).isEqualTo(2);
    assertThat(Pacer.dueBy(10, 10, 950 * MS)).isEqualTo(10);
  }

  @Test
  void neverMoreThanTheTotal() {
    assertThat(Pacer.dueBy(10, 10, 1000 * MS)).isEqualTo(10);
    assertThat(Pacer.dueBy(1000, 5, 1000 * MS)).isEqualTo(5);
  }
}
