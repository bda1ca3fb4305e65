package dev.parley.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.store.Appended;
import dev.parley.server.store.NewMessage;
import dev.parley.server.store.StoredMessage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrading a version-6 database (before edits, deletes, read markers, topics and search) to
 * version 7: its messages keep their text, are found by search, and can be edited and deleted.
 */
class ConversationUpgradeTest {
  /** The tables of version 6 as that version left them (frozen here, not made by today's code). */
  static final String[] VERSION_6 = {
    "CREATE TABLE accounts(key TEXT PRIMARY KEY, name TEXT NOT NULL, password_hash TEXT NOT NULL, created INTEGER NOT NULL,"
        + " id INTEGER, generation INTEGER NOT NULL DEFAULT 0, skeleton TEXT, bot INTEGER NOT NULL DEFAULT 0)",
    "CREATE UNIQUE INDEX accounts_id ON accounts(id)",
    "CREATE INDEX accounts_skeleton ON accounts(skeleton)",
    "CREATE TABLE tokens(token_hash TEXT PRIMARY KEY, user_key TEXT NOT NULL REFERENCES accounts(key),"
        + " created INTEGER NOT NULL, expires INTEGER NOT NULL)",
    "CREATE TABLE rooms(name TEXT PRIMARY KEY, last_id INTEGER NOT NULL DEFAULT 0, dm_a TEXT, dm_b TEXT, created INTEGER NOT NULL)",
    "CREATE INDEX rooms_dm_a ON rooms(dm_a) WHERE dm_a IS NOT NULL",
    "CREATE INDEX rooms_dm_b ON rooms(dm_b) WHERE dm_b IS NOT NULL",
    "CREATE TABLE messages(room TEXT NOT NULL, id INTEGER NOT NULL, ts INTEGER NOT NULL, sender TEXT NOT NULL,"
        + " sender_key TEXT NOT NULL, text TEXT NOT NULL, ref TEXT, bot INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(room, id)) WITHOUT ROWID",
    "CREATE UNIQUE INDEX messages_ref ON messages(room, sender_key, ref) WHERE ref IS NOT NULL",
    "CREATE TABLE room_owners(room TEXT NOT NULL, user_key TEXT NOT NULL, PRIMARY KEY(room, user_key)) WITHOUT ROWID",
    "CREATE TABLE room_bans(room TEXT NOT NULL, user_key TEXT NOT NULL, PRIMARY KEY(room, user_key)) WITHOUT ROWID",
    "CREATE TABLE counters(name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID",
    "INSERT INTO counters(name, value) VALUES('account', 0)",
    "CREATE TABLE account_events(seq INTEGER PRIMARY KEY AUTOINCREMENT, user_key TEXT NOT NULL, account_id INTEGER NOT NULL,"
        + " kind TEXT NOT NULL, generation INTEGER NOT NULL, at INTEGER NOT NULL)",
    "CREATE TABLE dm_floors(user_key TEXT NOT NULL, room TEXT NOT NULL, after_id INTEGER NOT NULL,"
        + " PRIMARY KEY(user_key, room)) WITHOUT ROWID",
    "PRAGMA user_version = 6",
  };

  @TempDir Path dir;

  @Test
  void oldMessagesAreSearchableAndAmendableAfterTheUpgrade() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE_NAME));
        Statement s = c.createStatement()) {
      for (String ddl : VERSION_6) {
        s.executeUpdate(ddl);
      }
      s.executeUpdate("INSERT INTO rooms(name, last_id, created) VALUES('lobby', 3, 0)");
      s.executeUpdate("INSERT INTO messages(room, id, ts, sender, sender_key, text, ref) VALUES"
          + "('lobby', 1, 10, 'ann', 'ann#1', 'Old News', 'r1'), ('lobby', 2, 20, 'bob', 'bob#2', 'newer news', NULL),"
          + "('lobby', 3, 30, 'ann', 'ann#1', 'unrelated', NULL)");
    }

    try (SqliteStore store = SqliteStore.open(dir)) {
      assertThat(store.range("lobby", 0, 10, 10)).containsExactly(
          new StoredMessage("lobby", 1, "ann", "Old News", 10),
          new StoredMessage("lobby", 2, "bob", "newer news", 20),
          new StoredMessage("lobby", 3, "ann", "unrelated", 30));
      assertThat(store.search("lobby", List.of("news"), 0, 10)).extracting(StoredMessage::id).containsExactly(2L, 1L);
      assertThat(store.appendAll(List.of(new NewMessage("lobby", "ann", "ann#1", "again", "r1"))).get(0).duplicate()).isTrue();

      List<Appended> amended = store.appendAll(List.of(
          new NewMessage("lobby", "ann", "ann#1", "fresh news", null, false, 1, 0, false),
          new NewMessage("lobby", "ann", "ann#1", "", null, false, 0, 2, true)));
      assertThat(amended).extracting(a -> a.message().id()).containsExactly(4L, 5L);
      assertThat(store.search("lobby", List.of("news"), 0, 10)).extracting(StoredMessage::text).containsExactly("fresh news");
      assertThat(store.markRead("ann#1", "lobby", 5)).isTrue();
      assertThat(store.topic("lobby")).isNull();
    }
  }
}
