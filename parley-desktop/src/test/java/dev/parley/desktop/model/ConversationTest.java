package dev.parley.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.parley.protocol.ServerFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationTest {
  private final Conversation conversation = new Conversation("lobby");

  private static ServerFrame.Msg msg(long id) {
    return new ServerFrame.Msg("lobby", id, "alice", "m" + id, 1000 + id);
  }

  @Test
  void eachIdIsShownOnceInIdOrderWhicheverWayItCame() {
    conversation.add(msg(60));
    conversation.add(msg(61));
    int added = conversation.addAll(List.of(msg(58), msg(59), msg(60)));
    conversation.add(msg(61));

    assertThat(added).isEqualTo(2);
    assertThat(conversation.messages()).extracting(ChatMessage::id).containsExactly(58L, 59L, 60L, 61L);
  }

  @Test
  void olderHistoryExistsUntilTheFirstIdIsShown() {
    conversation.add(msg(3));
    assertThat(conversation.hasOlder()).isTrue();

    conversation.addAll(List.of(msg(1), msg(2)));
    assertThat(conversation.hasOlder()).isFalse();
    assertThat(conversation.startLoadingOlder()).isFalse();
  }

  @Test
  void onlyOneOlderPageIsAskedForAtATime() {
    conversation.add(msg(100));

    assertThat(conversation.startLoadingOlder()).isTrue();
    assertThat(conversation.startLoadingOlder()).isFalse();
    conversation.olderLoaded();
    assertThat(conversation.startLoadingOlder()).isTrue();
  }

  @Test
  void anAcknowledgedLineGivesWayWhenItsMessageArrives() {
    conversation.addPending(new PendingLine(1, "alice", "hi", 5));
    conversation.acknowledged(1, 9);
    assertThat(conversation.pending()).hasSize(1);

    conversation.add(msg(9));
    assertThat(conversation.pending()).isEmpty();
  }

  @Test
  void aLineAcknowledgedAfterItsMessageArrivedGoesAtOnce() {
    conversation.addPending(new PendingLine(1, "alice", "hi", 5));
    conversation.add(msg(9));
    conversation.acknowledged(1, 9);

    assertThat(conversation.pending()).isEmpty();
    assertThat(conversation.messages()).hasSize(1);
  }

  private static ServerFrame.Msg edit(long id, long of, String text) {
    return new ServerFrame.Msg("lobby", id, "alice", text, 2000 + id, false, of, 0, false);
  }

  private static ServerFrame.Msg delete(long id, long of) {
    return new ServerFrame.Msg("lobby", id, "alice", "", 2000 + id, false, 0, of, false);
  }

  @Test
  void anEditReplacesTheTextInPlaceAndTheNewestEditWins() {
    conversation.addAll(List.of(msg(1), msg(2), edit(3, 1, "first fix"), msg(4), edit(5, 1, "second fix")));

    assertThat(conversation.messages()).containsExactly(
        new ChatMessage(1, "alice", "second fix", 1001, true, false),
        new ChatMessage(2, "alice", "m2", 1002, false, false),
        new ChatMessage(4, "alice", "m4", 1004, false, false));
  }

  @Test
  void aDeleteLeavesTheMessageInPlaceWithoutItsText() {
    conversation.addAll(List.of(msg(1), edit(2, 1, "fixed"), msg(3), delete(4, 1)));

    assertThat(conversation.messages()).containsExactly(
        new ChatMessage(1, "alice", "", 1001, false, true),
        new ChatMessage(3, "alice", "m3", 1003, false, false));
  }

  @Test
  void anEditOrDeleteThatCameBeforeItsMessageIsAppliedWhenTheMessageIsLoaded() {
    conversation.addAll(List.of(edit(10, 2, "better"), delete(11, 3)));
    assertThat(conversation.messages()).isEmpty();

    conversation.addAll(List.of(msg(2), msg(3)));

    assertThat(conversation.messages()).extracting(ChatMessage::text, ChatMessage::edited, ChatMessage::deleted)
        .containsExactly(tuple("better", true, false), tuple("", false, true));
  }

  @Test
  void aMessageTheHistorySaysWasDeletedShowsDeleted() {
    conversation.add(new ServerFrame.Msg("lobby", 7, "bob", "", 9, false, 0, 0, true));

    assertThat(conversation.shown(7).deleted()).isTrue();
  }

  @Test
  void theLastOwnMessageSkipsOthersAndDeletedOnes() {
    conversation.addAll(List.of(
        new ServerFrame.Msg("lobby", 1, "Bob", "mine", 1),
        new ServerFrame.Msg("lobby", 2, "bob", "mine too", 2),
        new ServerFrame.Msg("lobby", 3, "alice", "hers", 3),
        new ServerFrame.Msg("lobby", 4, "bob", "", 4, false, 0, 2, false)));

    assertThat(conversation.lastOwn("BOB").id()).isEqualTo(1);
    assertThat(conversation.lastOwn("carol")).isNull();
  }

  @Test
  void unreadCountsOrdinaryMessagesFromOthersAfterTheReadMarker() {
    conversation.addAll(List.of(
        msg(1), msg(2),
        new ServerFrame.Msg("lobby", 3, "Bob", "my own", 3),
        msg(4), edit(5, 4, "edited"), msg(6), delete(7, 6), msg(8)));

    assertThat(conversation.unreadAfter(2, "bob")).isEqualTo(new Unread(2, false)); // 4 and 8
    assertThat(conversation.unreadAfter(0, "bob")).isEqualTo(new Unread(4, false));
    assertThat(conversation.unreadAfter(8, "bob")).isEqualTo(Unread.NONE);
  }

  @Test
  void unreadIsALowerBoundWhenMessagesAfterTheMarkerAreNotLoaded() {
    conversation.addAll(List.of(msg(40), msg(41)));

    assertThat(conversation.unreadAfter(10, "bob")).isEqualTo(new Unread(2, true));
    assertThat(conversation.unreadAfter(10, "bob").label()).isEqualTo("2+");
    assertThat(conversation.unreadAfter(39, "bob")).isEqualTo(new Unread(2, false));
  }

  @Test
  void editAndDeleteEventsApplyInPlaceAndOutrankEditMessages() {
    conversation.addAll(List.of(msg(1), msg(2), edit(3, 1, "from history")));

    assertThat(conversation.edited(1, "live")).isTrue();
    assertThat(conversation.edited(1, "live")).isFalse();
    assertThat(conversation.deleted(2)).isTrue();
    assertThat(conversation.deleted(2)).isFalse();

    assertThat(conversation.messages()).containsExactly(
        new ChatMessage(1, "alice", "live", 1001, true, false),
        new ChatMessage(2, "alice", "", 1002, false, true));
  }

  @Test
  void anEventForAMessageNotLoadedYetWaitsForIt() {
    assertThat(conversation.edited(5, "later")).isFalse();

    conversation.add(msg(5));

    assertThat(conversation.shown(5).text()).isEqualTo("later");
  }
}
