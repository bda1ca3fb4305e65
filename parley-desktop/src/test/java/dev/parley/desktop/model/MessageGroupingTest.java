package dev.parley.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageGroupingTest {
  private static final long NOON = ZonedDateTime.of(2025, 3, 3, 12, 0, 0, 0, ZoneOffset.UTC).toInstant().toEpochMilli();
  private final MessageGrouping grouping = new MessageGrouping(ZoneOffset.UTC);

  private static ChatMessage msg(long id, String from, long ts) {
    return new ChatMessage(id, from, "m" + id, ts, false, false);
  }

  private static List<Boolean> groupStarts(List<ChatLine> rows) {
    return rows.stream().map(ChatLine::startsGroup).toList();
  }

  @Test
  void consecutiveMessagesOfOneAuthorShareOneHeader() {
    List<ChatLine> rows = grouping.rows(List.of(
        msg(1, "alice", NOON), msg(2, "alice", NOON + 1000), msg(3, "bob", NOON + 2000), msg(4, "alice", NOON + 3000)),
        List.of());

    assertThat(groupStarts(rows)).containsExactly(true, false, true, true);
  }

  @Test
  void namesDifferingOnlyInCaseAreOneAuthor() {
    List<ChatLine> rows = grouping.rows(List.of(msg(1, "Alice", NOON), msg(2, "alice", NOON + 1)), List.of());

    assertThat(groupStarts(rows)).containsExactly(true, false);
  }

  @Test
  void aPauseOfMoreThanFiveMinutesStartsANewGroup() {
    List<ChatLine> rows = grouping.rows(List.of(
        msg(1, "alice", NOON),
        msg(2, "alice", NOON + MessageGrouping.GROUP_GAP_MILLIS),
        msg(3, "alice", NOON + 2 * MessageGrouping.GROUP_GAP_MILLIS + 1)), List.of());

    assertThat(groupStarts(rows)).containsExactly(true, false, true);
  }

  @Test
  void aNewDayGetsADividerAndANewGroup() {
    long lateEvening = NOON + 11 * 3_600_000L + 59 * 60_000L;
    List<ChatLine> rows = grouping.rows(List.of(
        msg(1, "alice", lateEvening), msg(2, "alice", lateEvening + 2 * 60_000L)), List.of());

    assertThat(rows).extracting(ChatLine::startsDay).containsExactly(true, true);
    assertThat(groupStarts(rows)).containsExactly(true, true);
  }

  @Test
  void linesOnTheirWayComeLastAndJoinTheAuthorsGroup() {
    List<ChatLine> rows = grouping.rows(List.of(msg(1, "alice", NOON)),
        List.of(new PendingLine(7, "alice", "still sending", NOON + 10)));

    assertThat(rows).hasSize(2);
    assertThat(rows.get(1).pending()).isTrue();
    assertThat(rows.get(1).id()).isZero();
    assertThat(rows.get(1).startsGroup()).isFalse();
  }
}
