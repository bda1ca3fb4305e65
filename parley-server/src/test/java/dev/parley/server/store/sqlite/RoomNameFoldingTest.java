package dev.parley.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.store.MessageStore;
import dev.parley.server.store.RoomInfo;
import dev.parley.server.store.StoredMessage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrading a version-2 database, whose room names were case-sensitive, to one spelling per
 * room: every room keeps its messages and ids, and rooms whose names differed only in case stay
 * apart under new names instead of being merged (which would break their gapless ids).
 */
class RoomNameFoldingTest {
  @TempDir Path dir;

  @Test
  void mixedCaseRoomsOfAnOldDatabaseAreRenamedToLowerCaseKeepingEveryMessage() throws Exception {
    List<String> spellings = List.of("lobby", "Lobby", "LOBBY", "Attic", "lobby-2");
    try (LegacyDatabase old = LegacyDatabase.create(dir, 2)) {
      old.account("ann");
      for (int i = 0; i < spellings.size(); i++) {
        old.messages(spellings.get(i), "ann", i + 1, null);
      }
      old.sql("INSERT INTO room_owners VALUES('Lobby', 'ann')");
      old.sql("INSERT INTO room_bans VALUES('Lobby', 'bob')");
    }

    try (MessageStore store = SqliteStore.open(dir)) {
      assertThat(texts(store, "lobby")).containsExactly("lobby 0");
      assertThat(texts(store, "lobby-2")).containsExactly("lobby-2 0", "lobby-2 1", "lobby-2 2", "lobby-2 3", "lobby-2 4");
      assertThat(texts(store, "lobby-3")).containsExactly("Lobby 0", "Lobby 1");
      assertThat(texts(store, "lobby-4")).containsExactly("LOBBY 0", "LOBBY 1", "LOBBY 2");
      assertThat(texts(store, "attic")).containsExactly("Attic 0", "Attic 1", "Attic 2", "Attic 3");
      assertThat(store.lastId("lobby-3")).isEqualTo(2);
      assertThat(store.policy("lobby-3").owners()).containsExactly("ann");
      assertThat(store.policy("lobby-3").banned()).containsExactly("bob");
      assertThat(store.publicRooms(100)).extracting(RoomInfo::name)
          .containsExactlyInAnyOrder("lobby", "lobby-2", "lobby-3", "lobby-4", "attic");
    }
  }

  private static List<String> texts(MessageStore store, String room) {
    return store.range(room, 0, Long.MAX_VALUE, 100).stream().map(StoredMessage::text).toList();
  }

}
