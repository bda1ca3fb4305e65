package dev.parley.server.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates the tables of a new database; {@code user_version} records the schema version. */
final class Schema {
  static final int VERSION = 3;

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
        RoomNameFolding.apply(c); // version 3: one lower-case spelling a room
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
}
