package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RoomLedgerTest {
  private final RoomLedger ledger = new RoomLedger();

  private static ServerFrame.Msg msg(String room, long id) {
    return new ServerFrame.Msg(room, id, "alice", "m" + id, 1000 + id);
  }

  private static List<Long> ids(List<ServerFrame.Msg> msgs) {
    return msgs.stream().map(ServerFrame.Msg::id).toList();
  }

  private List<Long> offer(String room, long... ids) {
    List<Long> delivered = new ArrayList<>();
    for (long id : ids) {
      delivered.addAll(ids(ledger.offer(msg(room, id))));
    }
    return delivered;
  }

  @Test
  void consecutiveIdsAreDeliveredAndRepeatsDropped() {
    ledger.want("lobby", 0L);

    assertThat(offer("lobby", 1, 2, 2, 1, 3)).containsExactly(1L, 2L, 3L);
    assertThat(ledger.get("lobby").since()).isEqualTo(3L);
  }

  @Test
  void aJoinWithoutSinceStartsFromTheFirstMessageThatArrives() {
    ledger.want("lobby", null);
    assertThat(ledger.get("lobby").since()).isNull();

    assertThat(offer("lobby", 951, 952)).containsExactly(951L, 952L);
  }

  @Test
  void messagesBeyondAGapWaitUntilItIsFilledThenComeInOrder() {
    RoomState room = ledger.want("lobby", 10L);
    room.joinedOnLink = true;

    assertThat(offer("lobby", 13, 14)).isEmpty();
    assertThat(ledger.fillBefore(room)).isEqualTo(13L);
    assertThat(ids(ledger.filled(room, List.of(msg("lobby", 11), msg("lobby", 12)))))
        .containsExactly(11L, 12L, 13L, 14L);
    assertThat(ledger.fillBefore(room)).isNull();
  }

  @Test
  void aLongGapIsFilledForwardOnePageAtATime() {
    RoomState room = ledger.want("lobby", 0L);
    assertThat(offer("lobby", 1001)).isEmpty(); // a truncated replay starts far ahead

    assertThat(ledger.fillBefore(room)).isEqualTo(1L + RoomLedger.PAGE);
    List<ServerFrame.Msg> page = LongStream.rangeClosed(1, 200).mapToObj(id -> msg("lobby", id)).toList();
    assertThat(ledger.filled(room, page)).hasSize(200);
    assertThat(ledger.fillBefore(room)).isEqualTo(401L);
  }

  @Test
  void noFillIsAskedForWhileAJoinMayStillReplayTheGap() {
    RoomState room = ledger.want("lobby", 0L);
    room.joinInFlight = true;
    offer("lobby", 5);

    assertThat(ledger.fillBefore(room)).isNull();
  }

  @Test
  void idsTheServerNoLongerHasAreSkippedRatherThanWaitedOnForEver() {
    RoomState room = ledger.want("lobby", 0L);
    offer("lobby", 5, 6);

    assertThat(ids(ledger.filled(room, List.of(msg("lobby", 4))))).containsExactly(4L, 5L, 6L);
  }

  @Test
  void aRoomTheApplicationLeftDeliversNothingMore() {
    ledger.want("lobby", 0L);
    ledger.forget("lobby");

    assertThat(offer("lobby", 1)).isEmpty();
  }

  @Test
  void aNewPrivateConversationIsDeliveredFromItsFirstMessage() {
    assertThat(offer("dm:alice:bob", 1, 2)).containsExactly(1L, 2L);
  }

  @Test
  void afterTheConnectionDropsNothingWaitsAndNothingIsJoined() {
    RoomState room = ledger.want("lobby", 0L);
    room.joinedOnLink = true;
    offer("lobby", 3);

    ledger.linkDown();

    assertThat(room.joinedOnLink).isFalse();
    assertThat(room.ahead).isEmpty();
    assertThat(room.since()).isZero();
  }
}
