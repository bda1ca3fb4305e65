package dev.parley.server.store.sqlite;

import dev.parley.protocol.LookAlikes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates the tables of a new database; {@code user_version} records the schema version. */
final class Schema {
  static final int VERSION = 8;

  private static final String[] V1 = {
    """
    CREATE TABLE accounts(
      key TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      password_hash TEXT NOT NULL,
      created INTEGER NOT NULL)
    """,
    """
    CREATE TABLE tokens(
      token_hash TEXT PRIMARY KEY,
      user_key TEXT NOT NULL REFERENCES accounts(key),
      created INTEGER NOT NULL,
      expires INTEGER NOT NULL)
    """,
    """
    CREATE TABLE rooms(
      name TEXT PRIMARY KEY,
      last_id INTEGER NOT NULL DEFAULT 0,
      dm_a TEXT,
      dm_b TEXT,
      created INTEGER NOT NULL)
    """,
    "CREATE INDEX rooms_dm_a ON rooms(dm_a) WHERE dm_a IS NOT NULL",
    "CREATE INDEX rooms_dm_b ON rooms(dm_b) WHERE dm_b IS NOT NULL",
    """
    CREATE TABLE messages(
      room TEXT NOT NULL,
      id INTEGER NOT NULL,
      ts INTEGER NOT NULL,
      sender TEXT NOT NULL,
      sender_key TEXT NOT NULL,
      text TEXT NOT NULL,
      ref TEXT,
      PRIMARY KEY(room, id)) WITHOUT ROWID
    """,
    "CREATE UNIQUE INDEX messages_ref ON messages(room, sender_key, ref) WHERE ref IS NOT NULL",
  };

  /** Version 2: room owners and bans (moderation). */
  private static final String[] V2 = {
    """
    CREATE TABLE room_owners(
      room TEXT NOT NULL,
      user_key TEXT NOT NULL,
      PRIMARY KEY(room, user_key)) WITHOUT ROWID
    """,
    """
    CREATE TABLE room_bans(
      room TEXT NOT NULL,
      user_key TEXT NOT NULL,
      PRIMARY KEY(room, user_key)) WITHOUT ROWID
    """,
  };

  /**
   * Version 4: accounts get an identity of their own. An id never given to another account and
   * a generation counting password changes; a look-alike skeleton; the change log of accounts;
   * for each account, where its private conversations start ({@code dm_floors}), so that a later
   * account of a name does not read an earlier one's; refs scoped to an account ({@code
   * sender_key} becomes {@code key#id} for an account's messages; a guest's stays its key).
   * Ownerships of accounts deleted before now go.
   */
  private static final String[] V4 = {
    "ALTER TABLE accounts ADD COLUMN id INTEGER",
    "ALTER TABLE accounts ADD COLUMN generation INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE accounts ADD COLUMN skeleton TEXT",
    "UPDATE accounts SET id = rowid",
    "CREATE UNIQUE INDEX accounts_id ON accounts(id)",
    "CREATE TABLE counters(name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID",
    "INSERT INTO counters(name, value) SELECT 'account', coalesce(max(id), 0) FROM accounts",
    """
    CREATE TABLE account_events(
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      user_key TEXT NOT NULL,
      account_id INTEGER NOT NULL,
      kind TEXT NOT NULL,
      generation INTEGER NOT NULL,
      at INTEGER NOT NULL)
    """,
    """
    CREATE TABLE dm_floors(
      user_key TEXT NOT NULL,
      room TEXT NOT NULL,
      after_id INTEGER NOT NULL,
      PRIMARY KEY(user_key, room)) WITHOUT ROWID
    """,
    """
    UPDATE messages SET sender_key = sender_key || '#' || (SELECT id FROM accounts a WHERE a.key = messages.sender_key)
    WHERE sender_key IN (SELECT key FROM accounts)
    """,
    "DELETE FROM room_owners WHERE user_key NOT IN (SELECT key FROM accounts)",
  };

  /**
   * Version 5: a room is stored once written to, not when first joined. Rooms never written to
   * go, with the ownerships they got by being joined (bans an owner set are kept).
   */
  private static final String[] V5 = {
    "DELETE FROM rooms WHERE last_id = 0",
    "DELETE FROM room_owners WHERE room NOT IN (SELECT name FROM rooms)",
  };

  /**
   * Version 6: bots. An account may be a bot's, and a message records whether its sender's was,
   * so that replay and history say so as the live message did.
   */
  private static final String[] V6 = {
    "ALTER TABLE accounts ADD COLUMN bot INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE messages ADD COLUMN bot INTEGER NOT NULL DEFAULT 0",
  };

  /**
   * Version 7: conversation features. A message may edit or delete an earlier one ({@code
   * edit_of}, {@code delete_of}; 0 otherwise), and a delete erases its target's and the
   * target's edits' text ({@code deleted}). Read markers per member and room; room topics.
   * Search: {@code message_search}, an FTS5 index of each searchable message's words (those of
   * its newest text, see {@link dev.parley.server.store.SearchIndexWords}, joined by spaces),
   * under a rowid made of its room's key ({@code search_rooms}) and its id (see {@link
   * SearchIndex}); edits, deletes and deleted messages have no row. Contentless (the text is in
   * {@code messages}: a row is deleted by giving its words again); the {@code ascii} tokenizer splits the words at the spaces
   * and leaves them as they are (they are lower-case already; non-ASCII characters are word
   * characters to it), so a query's words match whole words exactly as {@link
   * dev.parley.protocol.SearchWords} says. {@code secure-delete} removes a deleted message's
   * words from the index's pages rather than marking them deleted until a merge.
   */
  private static final String[] V7 = {
    "ALTER TABLE messages ADD COLUMN edit_of INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE messages ADD COLUMN delete_of INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE messages ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0",
    "CREATE INDEX messages_edits ON messages(room, edit_of) WHERE edit_of <> 0",
    """
    CREATE TABLE read_markers(
      identity TEXT NOT NULL,
      room TEXT NOT NULL,
      id INTEGER NOT NULL,
      PRIMARY KEY(identity, room)) WITHOUT ROWID
    """,
    """
    CREATE TABLE topics(
      room TEXT PRIMARY KEY,
      text TEXT NOT NULL,
      set_by TEXT NOT NULL,
      ts INTEGER NOT NULL) WITHOUT ROWID
    """,
    "CREATE TABLE search_rooms(key INTEGER PRIMARY KEY, room TEXT NOT NULL UNIQUE)",
    "CREATE VIRTUAL TABLE message_search USING fts5(words, content='', tokenize='ascii')",
    "INSERT INTO message_search(message_search, rank) VALUES('secure-delete', 1)",
  };

  /**
   * Version 8: the search index made again with {@code columnsize=0}, without its table of
   * each message's word count. Only ranking reads those counts (search orders by rowid), and
   * since that table is keyed by the rowid, room first, a commit wrote one of its pages for
   * each room it stored to: about a quarter more pages a commit for the sends bench's 500
   * rooms. What search finds is unchanged. {@link SearchIndex#indexAll} fills it again.
   * ({@code detail=none}, dropping word positions that no query reads either, was tried and
   * left out: with {@code secure-delete}, SQLite 3.47 then loses a message indexed in the
   * transaction that also takes an edited message out and back in.)
   */
  private static final String[] V8 = {
    "DROP TABLE message_search",
    "CREATE VIRTUAL TABLE message_search USING fts5(words, content='', tokenize='ascii', columnsize=0)",
    "INSERT INTO message_search(message_search, rank) VALUES('secure-delete', 1)",
  };

  private Schema() {}

  static void ensure(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      int version;
      try (var rs = s.executeQuery("PRAGMA user_version")) {
        version = rs.next() ? rs.getInt(1) : 0;
      }
      if (version == VERSION) {
        return;
      }
      if (version > VERSION) {
        throw new SQLException(
            "database schema version " + version + " is newer than this Parley's " + VERSION);
      }
      c.setAutoCommit(false);
      try {
        if (version < 1) {
          for (String ddl : V1) {
            s.executeUpdate(ddl);
          }
        }
        if (version < 2) {
          for (String ddl : V2) {
            s.executeUpdate(ddl);
          }
        }
        if (version < 3) {
          RoomNameFolding.apply(c); // one lower-case spelling a room
        }
        if (version < 4) {
          for (String ddl : V4) {
            s.executeUpdate(ddl);
          }
          fillSkeletons(c);
          s.executeUpdate("CREATE INDEX accounts_skeleton ON accounts(skeleton)");
        }
        if (version < 5) {
          for (String ddl : V5) {
            s.executeUpdate(ddl);
          }
        }
        if (version < 6) {
          for (String ddl : V6) {
            s.executeUpdate(ddl);
          }
        }
        if (version < 7) {
          for (String ddl : V7) {
            s.executeUpdate(ddl);
          }
        }
        if (version < 8) {
          for (String ddl : V8) {
            s.executeUpdate(ddl);
          }
          SearchIndex.indexAll(c); // the messages stored before search existed, or before this index
        }
        s.executeUpdate("PRAGMA user_version = " + VERSION);
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  private static void fillSkeletons(Connection c) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT name FROM accounts")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    try (PreparedStatement s = c.prepareStatement("UPDATE accounts SET skeleton=? WHERE name=?")) {
      for (String name : names) {
        s.setString(1, LookAlikes.skeleton(name));
        s.setString(2, name);
        s.addBatch();
      }
      s.executeBatch();
    }
  }
}
