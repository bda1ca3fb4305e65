package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ServerFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomViewTest {
  private final RoomView view = new RoomView("lobby");

  private static ServerFrame.Msg msg(long id, String from, String text) {
    return new ServerFrame.Msg("lobby", id, from, text, 1000 + id);
  }

  private static ServerFrame.Msg edit(long id, String from, long target, String text) {
    return new ServerFrame.Msg("lobby", id, from, text, 1000 + id, false, target, 0, false);
  }

  private static ServerFrame.Msg delete(long id, String from, long target) {
    return new ServerFrame.Msg("lobby", id, from, "", 1000 + id, false, 0, target, false);
  }

  @Test
  void anOrdinaryMessageIsHandedOnAndCountsAsUnreadWhenFromSomeoneElse() {
    assertThat(view.take(msg(1, "bob", "hi"), "alice"))
        .containsExactly(new Delivery.Message(msg(1, "bob", "hi")), new Delivery.UnreadChanged("lobby", 1));
    assertThat(view.take(msg(2, "Alice", "mine"), "alice"))
        .containsExactly(new Delivery.Message(msg(2, "Alice", "mine")));
    assertThat(view.unread()).isEqualTo(1);
  }

  @Test
  void anEditIsToldAsAnEditOfItsMessageNotAsANewMessageAndIsNotUnread() {
    view.take(msg(1, "bob", "helo"), "alice");

    assertThat(view.take(edit(2, "bob", 1, "hello"), "alice"))
        .containsExactly(new Delivery.Edited("lobby", 1, "hello", "bob"));
    assertThat(view.unread()).isEqualTo(1);
  }

  @Test
  void aDeleteIsToldAndTakesItsMessageOutOfTheUnreadCount() {
    view.take(msg(1, "bob", "oops"), "alice");

    assertThat(view.take(delete(2, "bob", 1), "alice"))
        .containsExactly(new Delivery.Deleted("lobby", 1, "bob"), new Delivery.UnreadChanged("lobby", 0));
  }

  @Test
  void theReadMarkerOnlyMovesForwardAndClearsWhatItPasses() {
    for (long id = 1; id <= 4; id++) {
      view.take(msg(id, "bob", "m" + id), "alice");
    }

    assertThat(view.markRead(2)).containsExactly(new Delivery.ReadMoved("lobby", 2), new Delivery.UnreadChanged("lobby", 2));
    assertThat(view.markRead(1)).isEmpty();
    assertThat(view.markRead(2)).isEmpty();
    assertThat(view.read()).isEqualTo(2);
    assertThat(view.unread()).isEqualTo(2);
    assertThat(view.markRead(9)).containsExactly(new Delivery.ReadMoved("lobby", 9), new Delivery.UnreadChanged("lobby", 0));
  }

  @Test
  void messagesAtOrBelowTheMarkerAreNotUnread() {
    view.markRead(5);

    view.take(msg(5, "bob", "read already"), "alice");
    assertThat(view.unread()).isZero();
    view.take(msg(6, "bob", "new"), "alice");
    assertThat(view.unread()).isEqualTo(1);
  }

  @Test
  void aHistoryPageShowsEachMessageWithItsNewestTextAndLeavesTheAmendmentsOut() {
    List<ServerFrame.Msg> page = List.of(
        msg(1, "bob", "first"), msg(2, "carol", "second"), edit(3, "bob", 1, "first!"),
        edit(4, "bob", 1, "first!!"), new ServerFrame.Msg("lobby", 5, "carol", "", 1005, false, 0, 0, true),
        delete(6, "carol", 5));

    List<ServerFrame.Msg> shown = view.fold(page);

    assertThat(shown).extracting(ServerFrame.Msg::id).containsExactly(1L, 2L, 5L);
    assertThat(shown).extracting(ServerFrame.Msg::text).containsExactly("first!!", "second", "");
    assertThat(shown.get(2).deleted()).isTrue();
  }

  @Test
  void anEditDeliveredBeforeItsMessageWasPagedInIsAppliedToTheOlderPage() {
    view.take(edit(80, "bob", 12, "corrected"), "alice");
    view.take(delete(81, "bob", 13), "alice");

    List<ServerFrame.Msg> shown = view.fold(List.of(msg(12, "bob", "wrogn"), msg(13, "bob", "gone")));

    assertThat(shown.get(0).text()).isEqualTo("corrected");
    assertThat(shown.get(1).deleted()).isTrue();
    assertThat(shown.get(1).text()).isEmpty();
  }

  @Test
  void anOlderEditInALaterPageDoesNotUndoANewerOne() {
    view.take(edit(90, "bob", 12, "newest"), "alice");

    List<ServerFrame.Msg> shown = view.fold(List.of(msg(12, "bob", "original"), edit(40, "bob", 12, "older")));

    assertThat(shown).singleElement().extracting(ServerFrame.Msg::text).isEqualTo("newest");
  }

  @Test
  void aReplayedEditOfADeletedMessageSaysNothingAndTheDeleteThatFollowsTells() {
    view.take(new ServerFrame.Msg("lobby", 1, "bob", "", 1001, false, 0, 0, true), "alice");
    assertThat(view.take(new ServerFrame.Msg("lobby", 2, "bob", "", 1002, false, 1, 0, true), "alice")).isEmpty();
    assertThat(view.take(delete(3, "bob", 1), "alice")).containsExactly(new Delivery.Deleted("lobby", 1, "bob"));
  }

  @Test
  void aReplayedDeletedMessageIsNotUnread() {
    view.take(new ServerFrame.Msg("lobby", 1, "bob", "", 1001, false, 0, 0, true), "alice");
    assertThat(view.unread()).isZero();
  }

  @Test
  void theTopicIsToldOnlyWhenItChanges() {
    assertThat(view.topic(null, null)).isEmpty();
    assertThat(view.topic("Release day", null)).containsExactly(new Delivery.TopicChanged("lobby", "Release day", null));
    assertThat(view.topic("Release day", "alice")).isEmpty();
    assertThat(view.topic("", "alice")).containsExactly(new Delivery.TopicChanged("lobby", "", "alice"));
  }

  @Test
  void anOlderPageAboveTheMarkerCountsItsMessagesFromOthersOnce() {
    view.markRead(2);
    view.take(msg(6, "bob", "live"), "alice");

    List<Delivery> told = view.count(List.of(msg(2, "bob", "read"), msg(3, "bob", "unread"), msg(4, "alice", "mine"),
        msg(5, "bob", "gone"), delete(6, "bob", 5)), "alice");

    assertThat(told).containsExactly(new Delivery.UnreadChanged("lobby", 2));
    assertThat(view.count(List.of(msg(3, "bob", "unread")), "alice")).isEmpty();
  }
}
