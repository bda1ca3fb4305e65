package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link MessageStore} promises; subclassed once per backend. */
public abstract class MessageStoreContract {
  @TempDir protected Path dir;
  protected MessageStore store;

  protected abstract MessageStore open(Path dir);

  @BeforeEach
  void openStore() {
    store = open(dir);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private static NewMessage msg(String room, String text, String ref) {
    return new NewMessage(room, "Alice", "alice", text, ref);
  }

  @Test
  void idsAreGaplessPerRoomAcrossBatches() {
    store.appendAll(List.of(msg("a", "1", null), msg("b", "1", null), msg("a", "2", null)));
    List<Appended> second = store.appendAll(List.of(msg("a", "3", null)));
    assertThat(second.get(0).message().id()).isEqualTo(3);
    assertThat(store.range("a", 0, 10, 10)).extracting(StoredMessage::id).containsExactly(1L, 2L, 3L);
    assertThat(store.range("b", 0, 10, 10)).extracting(StoredMessage::text).containsExactly("1");
  }

  @Test
  void aRepeatedRefReturnsTheOriginalAndStoresNothing() {
    Appended first = store.appendAll(List.of(msg("a", "hi", "r1"))).get(0);
    List<Appended> again = store.appendAll(List.of(msg("a", "hi again", "r1"), msg("a", "x", "r2")));
    assertThat(again.get(0).duplicate()).isTrue();
    assertThat(again.get(0).message()).isEqualTo(first.message());
    assertThat(again.get(1).message().id()).isEqualTo(2);
  }

  @Test
  void aRepeatedRefInsideOneBatchIsStoredOnce() {
    List<Appended> out = store.appendAll(List.of(msg("a", "hi", "r1"), msg("a", "hi", "r1")));
    assertThat(out.get(1).duplicate()).isTrue();
    assertThat(out.get(1).message().id()).isEqualTo(1);
    assertThat(store.lastId("a")).isEqualTo(1);
  }

  @Test
  void refsOfDifferentUsersAndRoomsDoNotCollide() {
    store.appendAll(List.of(msg("a", "hi", "r1")));
    List<Appended> out =
        store.appendAll(List.of(new NewMessage("a", "Bob", "bob", "hi", "r1"), msg("b", "hi", "r1")));
    assertThat(out).noneMatch(Appended::duplicate);
  }

  @Test
  void whetherTheSenderWasABotIsStoredWithTheMessage() {
    NewMessage fromBot = new NewMessage("a", "Echo", "echo#1", "beep", "re:1", true);
    Appended stored = store.appendAll(List.of(msg("a", "hi", null), fromBot)).get(1);
    assertThat(stored.message().bot()).isTrue();
    assertThat(store.range("a", 0, 10, 10)).extracting(StoredMessage::bot).containsExactly(false, true);
    assertThat(store.before("a", 0, 10, 10).messages()).extracting(StoredMessage::bot).containsExactly(false, true);
    Appended again = store.appendAll(List.of(fromBot)).get(0);
    assertThat(again.duplicate()).isTrue();
    assertThat(again.message()).isEqualTo(stored.message());
  }

  @Test
  void rangeReturnsTheNewestWithinTheLimitOldestFirst() {
    store.appendAll(IntStream.rangeClosed(1, 10).mapToObj(i -> msg("a", "m" + i, null)).toList());
    assertThat(store.range("a", 2, 9, 3)).extracting(StoredMessage::id).containsExactly(7L, 8L, 9L);
  }

  @Test
  void historyBeforeSaysWhetherOlderMessagesExist() {
    store.appendAll(IntStream.rangeClosed(1, 5).mapToObj(i -> msg("a", "m" + i, null)).toList());
    HistorySlice page = store.before("a", 0, 5, 2);
    assertThat(page.messages()).extracting(StoredMessage::id).containsExactly(3L, 4L);
    assertThat(page.more()).isTrue();
    HistorySlice first = store.before("a", 0, 3, 5);
    assertThat(first.messages()).extracting(StoredMessage::id).containsExactly(1L, 2L);
    assertThat(first.more()).isFalse();
  }

  @Test
  void historyNeverReachesDownToItsLowerBound() {
    store.appendAll(IntStream.rangeClosed(1, 5).mapToObj(i -> msg("a", "m" + i, null)).toList());
    HistorySlice page = store.before("a", 2, 5, 10);
    assertThat(page.messages()).extracting(StoredMessage::id).containsExactly(3L, 4L);
    assertThat(page.more()).isFalse();
  }

  @Test
  void aRoomIsStoredByItsFirstMessageAndNotBeforeByLookingAtIt() {
    assertThat(store.lastId("lobby")).isZero();
    assertThat(store.publicRooms(10)).isEmpty();
    store.appendAll(List.of(msg("lobby", "x", null)));
    assertThat(store.lastId("lobby")).isEqualTo(1);
    assertThat(store.publicRooms(10)).containsExactly(new RoomInfo("lobby", 1));
  }

  @Test
  void privateConversationsAreListedForBothUsersAndNotAsPublicRooms() {
    store.appendAll(List.of(msg("dm:alice:bob", "psst", null)));
    store.lastId("dm:alice:carol");
    assertThat(store.directRooms("bob")).containsExactly(new RoomInfo("dm:alice:bob", 1));
    assertThat(store.directRooms("alice")).containsExactly(new RoomInfo("dm:alice:bob", 1));
    assertThat(store.publicRooms(10)).isEmpty();
  }

  @Test
  void everythingSurvivesReopening() {
    store.appendAll(List.of(msg("a", "kept", "r1")));
    store.close();
    store = open(dir);
    assertThat(store.range("a", 0, 10, 10)).extracting(StoredMessage::text).containsExactly("kept");
    assertThat(store.appendAll(List.of(msg("a", "again", "r1"))).get(0).duplicate()).isTrue();
    assertThat(store.appendAll(List.of(msg("a", "next", null))).get(0).message().id()).isEqualTo(2);
  }

  @Test
  void ownersAndBansAreKeptPerRoomAndSurviveReopening() {
    store.addOwner("lobby", "alice");
    store.setBanned("lobby", "mallory", true);
    store.setBanned("lobby", "bob", true);
    store.setBanned("lobby", "bob", false);
    store.close();
    store = open(dir);
    assertThat(store.policy("lobby")).isEqualTo(new RoomPolicy(java.util.Set.of("alice"), java.util.Set.of("mallory")));
    assertThat(store.policy("other").owners()).isEmpty();
  }

  // Conversation features: edits, deletes, search, read markers, topics.

  private static final String ALICE = "alice#1";
  private static final String BOB = "bob#2";

  private static NewMessage said(String identity, String room, String text) {
    return new NewMessage(room, name(identity), identity, text, null);
  }

  private static NewMessage edit(String identity, String room, long target, String text, String ref) {
    return new NewMessage(room, name(identity), identity, text, ref, false, target, 0, false);
  }

  private static NewMessage delete(String identity, String room, long target, boolean byOwner, String ref) {
    return new NewMessage(room, name(identity), identity, "", ref, false, 0, target, byOwner);
  }

  private static String name(String identity) {
    return identity.substring(0, identity.indexOf('#'));
  }

  private Appended one(NewMessage m) {
    return store.appendAll(List.of(m)).get(0);
  }

  private List<String> search(String room, String query) {
    return store.search(room, dev.parley.protocol.SearchWords.of(query), 0, 100).stream()
        .map(m -> m.id() + ":" + m.text()).toList();
  }

  @Test
  void anEditIsANewMessageOfTheRoomNamingItsTarget() {
    one(said(ALICE, "a", "helo all"));
    Appended edited = one(edit(ALICE, "a", 1, "hello all", "e1"));
    assertThat(edited.refused()).isNull();
    assertThat(edited.message()).isEqualTo(new StoredMessage("a", 2, "alice", "hello all", edited.message().ts(), false, 1, 0, false));
    // History and replay keep the original's text; the edit follows it.
    assertThat(store.range("a", 0, 10, 10)).extracting(StoredMessage::id, StoredMessage::text, StoredMessage::editOf)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "helo all", 0L), org.assertj.core.groups.Tuple.tuple(2L, "hello all", 1L));
    assertThat(store.before("a", 0, 10, 10).messages()).extracting(StoredMessage::editOf).containsExactly(0L, 1L);
    assertThat(store.lastId("a")).isEqualTo(2);
  }

  @Test
  void onlyTheAuthorEditsEvenAnOwner() {
    one(said(ALICE, "a", "mine"));
    NewMessage byOwner = new NewMessage("a", "bob", BOB, "ours", null, false, 1, 0, true);
    assertThat(one(edit(BOB, "a", 1, "yours", null)).refused()).isEqualTo(Appended.Refusal.NOT_YOURS);
    assertThat(one(byOwner).refused()).isEqualTo(Appended.Refusal.NOT_YOURS);
    // Another account of the same name is not the author either.
    assertThat(one(edit("alice#9", "a", 1, "mine too", null)).refused()).isEqualTo(Appended.Refusal.NOT_YOURS);
    assertThat(store.lastId("a")).isEqualTo(1);
  }

  @Test
  void theAuthorOrAnOwnerDeletesAndNobodyElse() {
    store.appendAll(List.of(said(ALICE, "a", "one"), said(ALICE, "a", "two")));
    assertThat(one(delete(BOB, "a", 1, false, null)).refused()).isEqualTo(Appended.Refusal.NOT_YOURS);
    Appended byOwner = one(delete(BOB, "a", 1, true, null));
    assertThat(byOwner.refused()).isNull();
    assertThat(byOwner.message().deleteOf()).isEqualTo(1);
    assertThat(byOwner.message().id()).isEqualTo(3);
    Appended byAuthor = one(delete(ALICE, "a", 2, false, null));
    assertThat(byAuthor.message()).isEqualTo(new StoredMessage("a", 4, "alice", "", byAuthor.message().ts(), false, 0, 2, false));
  }

  @Test
  void anUnknownTargetAnAmendmentOrADeletedOneIsRefused() {
    store.appendAll(List.of(said(ALICE, "a", "one"), said(ALICE, "b", "x"), said(ALICE, "b", "y"), said(ALICE, "b", "z")));
    assertThat(one(edit(ALICE, "a", 4, "no such", null)).refused()).isEqualTo(Appended.Refusal.NO_SUCH_MESSAGE);
    assertThat(one(edit(ALICE, "a", 2, "another room's id", null)).refused()).isEqualTo(Appended.Refusal.NO_SUCH_MESSAGE);
    assertThat(one(edit(ALICE, "a", 1, "edited", null)).message().id()).isEqualTo(2);
    assertThat(one(edit(ALICE, "a", 2, "edit of an edit", null)).refused()).isEqualTo(Appended.Refusal.NOT_AMENDABLE);
    assertThat(one(delete(ALICE, "a", 2, false, null)).refused()).isEqualTo(Appended.Refusal.NOT_AMENDABLE);
    assertThat(one(delete(ALICE, "a", 1, false, null)).message().id()).isEqualTo(3);
    assertThat(one(delete(ALICE, "a", 3, true, null)).refused()).isEqualTo(Appended.Refusal.NOT_AMENDABLE);
    assertThat(one(edit(ALICE, "a", 1, "too late", null)).refused()).isEqualTo(Appended.Refusal.DELETED);
    assertThat(one(delete(ALICE, "a", 1, true, null)).refused()).isEqualTo(Appended.Refusal.DELETED);
    assertThat(store.lastId("a")).isEqualTo(3);
  }

  @Test
  void aRefusedAmendmentTakesNoIdAndTheRestOfItsBatchIsStored() {
    one(said(ALICE, "a", "one"));
    List<Appended> out = store.appendAll(List.of(
        said(BOB, "a", "two"), edit(BOB, "a", 1, "not mine", "r1"), said(BOB, "a", "three"), edit(ALICE, "a", 2, "nor mine", null)));
    assertThat(out).extracting(Appended::refused)
        .containsExactly(null, Appended.Refusal.NOT_YOURS, null, Appended.Refusal.NOT_YOURS);
    assertThat(out.get(2).message().id()).isEqualTo(3);
    assertThat(store.range("a", 0, 10, 10)).extracting(StoredMessage::text).containsExactly("one", "two", "three");
    // Nothing was stored under the refused one's ref: trying again is judged again.
    assertThat(one(edit(BOB, "a", 1, "not mine", "r1")).refused()).isEqualTo(Appended.Refusal.NOT_YOURS);
  }

  @Test
  void anAmendmentRefusedInARoomNeverWrittenToStoresNoRoom() {
    assertThat(one(edit(ALICE, "nowhere", 1, "hm", "r1")).refused()).isEqualTo(Appended.Refusal.NO_SUCH_MESSAGE);
    assertThat(one(delete(ALICE, "dm:alice:bob", 1, true, null)).refused()).isEqualTo(Appended.Refusal.NO_SUCH_MESSAGE);
    assertThat(store.lastId("nowhere")).isZero();
    assertThat(store.publicRooms(10)).isEmpty();
    assertThat(store.directRooms("alice")).isEmpty();
    assertThat(one(said(ALICE, "nowhere", "first")).message().id()).isEqualTo(1);
  }

  @Test
  void aTargetStoredEarlierInTheSameBatchCanBeAmended() {
    List<Appended> out = store.appendAll(List.of(
        said(ALICE, "a", "draft"), edit(ALICE, "a", 1, "final", null), said(ALICE, "a", "oops"), delete(ALICE, "a", 3, false, null)));
    assertThat(out).allMatch(o -> o.refused() == null);
    assertThat(store.range("a", 0, 10, 10)).extracting(StoredMessage::text, StoredMessage::deleted)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("draft", false), org.assertj.core.groups.Tuple.tuple("final", false),
            org.assertj.core.groups.Tuple.tuple("", true), org.assertj.core.groups.Tuple.tuple("", false));
  }

  @Test
  void aDeleteErasesTheTextOfItsTargetAndOfTheTargetsEdits() {
    store.appendAll(List.of(said(ALICE, "a", "secret plan"), said(BOB, "a", "kept"),
        edit(ALICE, "a", 1, "secret plan v2", null), delete(ALICE, "a", 1, false, null)));
    List<StoredMessage> history = store.range("a", 0, 10, 10);
    assertThat(history).extracting(StoredMessage::id, StoredMessage::text, StoredMessage::editOf, StoredMessage::deleteOf, StoredMessage::deleted)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, "", 0L, 0L, true),
            org.assertj.core.groups.Tuple.tuple(2L, "kept", 0L, 0L, false),
            org.assertj.core.groups.Tuple.tuple(3L, "", 1L, 0L, true),
            org.assertj.core.groups.Tuple.tuple(4L, "", 0L, 1L, false));
    assertThat(store.before("a", 0, 10, 10).messages()).isEqualTo(history);
  }

  @Test
  void aRepeatedRefOfAnAmendmentIsADuplicateEvenAfterItsTargetChanged() {
    one(said(ALICE, "a", "one"));
    Appended edited = one(edit(ALICE, "a", 1, "uno", "e1"));
    Appended deleted = one(delete(ALICE, "a", 1, false, "d1"));
    Appended editAgain = one(edit(ALICE, "a", 1, "uno", "e1"));
    assertThat(editAgain.duplicate()).isTrue();
    assertThat(editAgain.refused()).isNull();
    assertThat(editAgain.message().id()).isEqualTo(edited.message().id());
    assertThat(editAgain.message().editOf()).isEqualTo(1);
    Appended deleteAgain = store.appendAll(List.of(delete(ALICE, "a", 1, false, "d1"), delete(ALICE, "a", 1, false, "d1"))).get(1);
    assertThat(deleteAgain.duplicate()).isTrue();
    assertThat(deleteAgain.message()).isEqualTo(deleted.message());
    assertThat(store.lastId("a")).isEqualTo(3);
  }

  @Test
  void searchMatchesWholeWordsWhateverTheirCase() {
    store.appendAll(List.of(said(ALICE, "a", "Deploy on Friday"), said(ALICE, "a", "deployment friday"),
        said(BOB, "a", "FRIDAY: deploy!"), said(BOB, "a", "nothing here")));
    assertThat(search("a", "DEPLOY")).containsExactly("3:FRIDAY: deploy!", "1:Deploy on Friday");
    assertThat(search("a", "deploy friday")).containsExactly("3:FRIDAY: deploy!", "1:Deploy on Friday");
    assertThat(search("a", "friday")).hasSize(3);
    assertThat(search("a", "deploy monday")).isEmpty();
    assertThat(search("a", "deplo")).isEmpty();
  }

  @Test
  void searchTakesWordsOfAnyScript() {
    store.appendAll(List.of(said(ALICE, "a", "Straße café"), said(ALICE, "a", "strasse cafe"), said(ALICE, "a", "東京 ok")));
    assertThat(search("a", "STRASSE")).containsExactly("2:strasse cafe");
    assertThat(search("a", "straße CAFÉ")).containsExactly("1:Straße café");
    assertThat(search("a", "東京")).containsExactly("3:東京 ok");
  }

  @Test
  void anEditedMessageIsFoundOnceByItsNewestTextAsTheOriginal() {
    Appended original = one(said(ALICE, "a", "apple pie"));
    one(edit(ALICE, "a", 1, "banana pie", null));
    one(said(BOB, "a", "more pie"));
    one(edit(ALICE, "a", 1, "cherry pie", null));
    assertThat(search("a", "apple")).isEmpty();
    assertThat(search("a", "banana")).isEmpty();
    List<StoredMessage> found = store.search("a", List.of("cherry"), 0, 10);
    assertThat(found).containsExactly(new StoredMessage("a", 1, "alice", "cherry pie", original.message().ts(), false));
    assertThat(search("a", "pie")).containsExactly("3:more pie", "1:cherry pie");
  }

  @Test
  void deletedMessagesAndAmendmentsAreNeverFound() {
    store.appendAll(List.of(said(ALICE, "a", "gone soon"), edit(ALICE, "a", 1, "gone now", null), said(ALICE, "a", "not gone"),
        new NewMessage("a", "alice", ALICE, "gone", null, false, 0, 1, false)));
    assertThat(search("a", "gone")).containsExactly("3:not gone");
    assertThat(search("a", "soon")).isEmpty();
    assertThat(search("a", "now")).isEmpty();
  }

  @Test
  void searchIsNewestFirstWithinTheLimitAboveTheReadableFloorAndInOneRoomOnly() {
    store.appendAll(IntStream.rangeClosed(1, 8).mapToObj(i -> said(ALICE, "a", "note " + i)).toList());
    store.appendAll(List.of(said(ALICE, "b", "note elsewhere")));
    List<String> words = List.of("note");
    assertThat(store.search("a", words, 0, 3)).extracting(StoredMessage::id).containsExactly(8L, 7L, 6L);
    assertThat(store.search("a", words, 5, 10)).extracting(StoredMessage::id).containsExactly(8L, 7L, 6L);
    assertThat(store.search("a", words, 8, 10)).isEmpty();
    assertThat(store.search("b", words, 0, 10)).extracting(StoredMessage::text).containsExactly("note elsewhere");
    assertThat(store.search("c", words, 0, 10)).isEmpty();
  }

  @Test
  void searchFindsMessagesAfterReopening() {
    store.appendAll(List.of(said(ALICE, "a", "durable words"), edit(ALICE, "a", 1, "lasting words", null)));
    store.close();
    store = open(dir);
    assertThat(search("a", "lasting")).containsExactly("1:lasting words");
    assertThat(search("a", "durable")).isEmpty();
  }

  @Test
  void aReadMarkerOnlyMovesForward() {
    assertThat(store.readMarkers(ALICE)).isEmpty();
    assertThat(store.markRead(ALICE, "a", 5)).isTrue();
    assertThat(store.markRead(ALICE, "a", 3)).isFalse();
    assertThat(store.markRead(ALICE, "a", 5)).isFalse();
    assertThat(store.markRead(ALICE, "b", 1)).isTrue();
    assertThat(store.markRead(BOB, "a", 2)).isTrue();
    assertThat(store.readMarkers(ALICE)).isEqualTo(java.util.Map.of("a", 5L, "b", 1L));
    assertThat(store.markRead(ALICE, "a", 7)).isTrue();
    store.close();
    store = open(dir);
    assertThat(store.readMarkers(ALICE)).isEqualTo(java.util.Map.of("a", 7L, "b", 1L));
    assertThat(store.readMarkers(BOB)).isEqualTo(java.util.Map.of("a", 2L));
    assertThat(store.readMarkers("alice#9")).isEmpty();
  }

  @Test
  void aTopicIsSetReplacedAndClearedPerRoom() {
    assertThat(store.topic("a")).isNull();
    long before = System.currentTimeMillis();
    store.setTopic("a", "Release day", "Alice");
    RoomTopic set = store.topic("a");
    assertThat(set.text()).isEqualTo("Release day");
    assertThat(set.by()).isEqualTo("Alice");
    assertThat(set.ts()).isGreaterThanOrEqualTo(before);
    store.setTopic("a", "Party", "Bob");
    store.close();
    store = open(dir);
    assertThat(store.topic("a")).extracting(RoomTopic::text, RoomTopic::by).containsExactly("Party", "Bob");
    assertThat(store.topic("b")).isNull();
    store.setTopic("a", "", "Bob");
    assertThat(store.topic("a")).isNull();
  }
}
