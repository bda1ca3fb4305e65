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
}
