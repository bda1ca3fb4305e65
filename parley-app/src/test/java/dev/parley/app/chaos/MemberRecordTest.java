package dev.parley.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemberRecordTest {

  @Test
  void anUnbrokenRunFromOneCountsNothingWrong() {
    MemberRecord r = record(1, 2, 3, 4);
    assertThat(r.delivered()).isEqualTo(4);
    assertThat(r.duplicated() + r.outOfOrder() + r.gaps()).isZero();
    assertThat(r.has(4)).isTrue();
    assertThat(r.has(5)).isFalse();
  }

  @Test
  void aRepeatIsADuplicateAnEarlierIdIsOutOfOrderAndAMissingIdIsAGap() {
    assertThat(record(1, 2, 2, 3).duplicated()).isEqualTo(1);
    assertThat(record(1, 3, 2).outOfOrder()).isEqualTo(1);
    assertThat(record(1, 3, 2).gaps()).isZero();
    assertThat(record(1, 2, 5).gaps()).isEqualTo(2);
    assertThat(record(3, 4).gaps()).as("missing before the first since the join").isEqualTo(2);
  }

  private static MemberRecord record(long... ids) {
    MemberRecord r = new MemberRecord();
    for (long id : ids) {
      r.delivered(id);
    }
    return r;
  }
}
