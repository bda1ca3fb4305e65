package dev.parley.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.store.NewMessage;
import dev.parley.server.store.StoredMessage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrading a version-7 database to version 8, which remakes the search index without its
 * table of word counts: the new index holds every searchable message by its newest text, and
 * nothing of the old one is left.
 */
class SearchIndexUpgradeTest {
  /** What version 7 added to version 6 (frozen here, not made by today's code). */
  private static final String[] VERSION_7 = {
    "ALTER TABLE messages ADD COLUMN edit_of INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE messages ADD COLUMN delete_of INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE messages ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0",
    "CREATE INDEX messages_edits ON messages(room, edit_of) WHERE edit_of <> 0",
    "CREATE TABLE read_markers(identity TEXT NOT NULL, room TEXT NOT NULL, id INTEGER NOT NULL,"
        + " PRIMARY KEY(identity, room)) WITHOUT ROWID",
    "CREATE TABLE topics(room TEXT PRIMARY KEY, text TEXT NOT NULL, set_by TEXT NOT NULL, ts INTEGER NOT NULL) WITHOUT ROWID",
    "CREATE TABLE search_rooms(key INTEGER PRIMARY KEY, room TEXT NOT NULL UNIQUE)",
    "CREATE VIRTUAL TABLE message_search USING fts5(words, content='', tokenize='ascii')",
    "INSERT INTO message_search(message_search, rank) VALUES('secure-delete', 1)",
    "PRAGMA user_version = 7",
  };

  /** The search-index rowid of message {@code id} in the room of key 1. */
  private static final long ROOM_1 = 1L << 36;

  @TempDir Path dir;

  @Test
  void theIndexIsRemadeWithEverySearchableMessageByItsNewestText() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE_NAME));
        Statement s = c.createStatement()) {
      for (String ddl : ConversationUpgradeTest.VERSION_6) {
        s.executeUpdate(ddl);
      }
      for (String ddl : VERSION_7) {
        s.executeUpdate(ddl);
      }
      // 1 was edited by 3; 4 was deleted by 5.
      s.executeUpdate("INSERT INTO rooms(name, last_id, created) VALUES('lobby', 5, 0)");
      s.executeUpdate("INSERT INTO messages(room, id, ts, sender, sender_key, text, ref, edit_of, delete_of, deleted) VALUES"
          + "('lobby', 1, 10, 'ann', 'ann#1', 'Old News', 'r1', 0, 0, 0),"
          + "('lobby', 2, 20, 'bob', 'bob#2', 'newer news', NULL, 0, 0, 0),"
          + "('lobby', 3, 30, 'ann', 'ann#1', 'fresh news', NULL, 1, 0, 0),"
          + "('lobby', 4, 40, 'bob', 'bob#2', '', NULL, 0, 0, 1),"
          + "('lobby', 5, 50, 'bob', 'bob#2', '', NULL, 0, 4, 0)");
      s.executeUpdate("INSERT INTO search_rooms(key, room) VALUES(1, 'lobby')");
      s.executeUpdate("INSERT INTO message_search(rowid, words) VALUES(" + (ROOM_1 | 1) + ", 'fresh news'),"
          + "(" + (ROOM_1 | 2) + ", 'newer news')");
    }

    try (SqliteStore store = SqliteStore.open(dir)) {
      assertThat(store.search("lobby", List.of("news"), 0, 10)).extracting(StoredMessage::id, StoredMessage::text)
          .containsExactly(Tuple.tuple(2L, "newer news"), Tuple.tuple(1L, "fresh news"));
      assertThat(store.search("lobby", List.of("old"), 0, 10)).isEmpty();
      assertThat(store.search("lobby", List.of("fresh", "news"), 0, 10)).extracting(StoredMessage::id).containsExactly(1L);

      store.appendAll(List.of(
          new NewMessage("lobby", "bob", "bob#2", "", null, false, 0, 2, false),
          new NewMessage("lobby", "ann", "ann#1", "later news", null)));
      assertThat(store.search("lobby", List.of("news"), 0, 10)).extracting(StoredMessage::id).containsExactly(7L, 1L);
      assertThat(store.search("lobby", List.of("newer"), 0, 10)).isEmpty();
    }

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE_NAME));
        Statement s = c.createStatement()) {
      assertThat(single(s, "PRAGMA user_version")).isEqualTo("8");
      assertThat(single(s, "SELECT sql FROM sqlite_master WHERE name='message_search'")).contains("columnsize=0");
      assertThat(single(s, "SELECT count(*) FROM sqlite_master WHERE name='message_search_docsize'")).isEqualTo("0");
    }
  }

  private static String single(Statement s, String query) throws Exception {
    try (ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
