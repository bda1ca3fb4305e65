package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnreadIdsTest {
  private final UnreadIds ids = new UnreadIds();

  @Test
  void idsAreCountedOnceInAnyOrderAndRemovedSinglyOrUpToAMarker() {
    assertThat(ids.add(5)).isTrue();
    assertThat(ids.add(3)).isTrue();
    assertThat(ids.add(9)).isTrue();
    assertThat(ids.add(5)).isFalse();
    assertThat(ids.size()).isEqualTo(3);

    assertThat(ids.remove(4)).isFalse();
    assertThat(ids.remove(5)).isTrue();
    assertThat(ids.removeUpTo(2)).isFalse();
    assertThat(ids.removeUpTo(8)).isTrue();
    assertThat(ids.size()).isEqualTo(1);
    assertThat(ids.removeUpTo(9)).isTrue();
    assertThat(ids.size()).isZero();
  }

  @Test
  void pastTheLimitTheOldestAreDroppedAndTheCountStaysAtTheLimit() {
    for (long id = 1; id <= UnreadIds.MAX + 500; id++) {
      ids.add(id);
    }
    assertThat(ids.size()).isEqualTo(UnreadIds.MAX);
    assertThat(ids.add(1)).as("older than all kept").isFalse();

    assertThat(ids.removeUpTo(500)).as("those were dropped already").isFalse();
    assertThat(ids.removeUpTo(UnreadIds.MAX + 499)).isTrue();
    assertThat(ids.size()).isEqualTo(1);
    assertThat(ids.remove(UnreadIds.MAX + 500)).isTrue();
  }
}
