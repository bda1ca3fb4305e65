package dev.parley.server.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database as an older Parley left it, written with that version's schema frozen here (not
 * with today's code), for the upgrade tests. Version 2 had case-sensitive room names; version 3
 * folded them; neither had account ids.
 */
final class LegacyDatabase implements AutoCloseable {
  private static final String[] VERSION_2 = {
    "CREATE TABLE accounts(key TEXT PRIMARY KEY, name TEXT NOT NULL, password_hash TEXT NOT NULL, created INTEGER NOT NULL)",
    "CREATE TABLE tokens(token_hash TEXT PRIMARY KEY, user_key TEXT NOT NULL REFERENCES accounts(key),"
        + " created INTEGER NOT NULL, expires INTEGER NOT NULL)",
    "CREATE TABLE rooms(name TEXT PRIMARY KEY, last_id INTEGER NOT NULL DEFAULT 0, dm_a TEXT, dm_b TEXT, created INTEGER NOT NULL)",
    "CREATE INDEX rooms_dm_a ON rooms(dm_a) WHERE dm_a IS NOT NULL",
    "CREATE INDEX rooms_dm_b ON rooms(dm_b) WHERE dm_b IS NOT NULL",
    "CREATE TABLE messages(room TEXT NOT NULL, id INTEGER NOT NULL, ts INTEGER NOT NULL, sender TEXT NOT NULL,"
        + " sender_key TEXT NOT NULL, text TEXT NOT NULL, ref TEXT, PRIMARY KEY(room, id)) WITHOUT ROWID",
    "CREATE UNIQUE INDEX messages_ref ON messages(room, sender_key, ref) WHERE ref IS NOT NULL",
    "CREATE TABLE room_owners(room TEXT NOT NULL, user_key TEXT NOT NULL, PRIMARY KEY(room, user_key)) WITHOUT ROWID",
    "CREATE TABLE room_bans(room TEXT NOT NULL, user_key TEXT NOT NULL, PRIMARY KEY(room, user_key)) WITHOUT ROWID",
  };

  private final Connection c;
  private final Statement s;

  private LegacyDatabase(Path dir, int version) throws SQLException {
    c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE_NAME));
    s = c.createStatement();
    for (String ddl : VERSION_2) {
      s.executeUpdate(ddl);
    }
    s.executeUpdate("PRAGMA user_version = " + version);
  }

  /** A new, empty database of {@code version} (2 or 3: the schemas differ only in what they held). */
  static LegacyDatabase create(Path dir, int version) throws SQLException {
    return new LegacyDatabase(dir, version);
  }

  LegacyDatabase account(String name) throws SQLException {
    s.executeUpdate("INSERT INTO accounts VALUES('" + name.toLowerCase() + "', '" + name + "', 'no hash', 0)");
    return this;
  }

  /** Appends {@code n} messages from {@code senderKey} to a room, creating it as needed. */
  LegacyDatabase messages(String room, String senderKey, int n, String refPrefix) throws SQLException {
    s.executeUpdate("INSERT OR IGNORE INTO rooms(name, last_id, created) VALUES('" + room + "', 0, 0)");
    for (int i = 0; i < n; i++) {
      s.executeUpdate("UPDATE rooms SET last_id = last_id + 1 WHERE name='" + room + "'");
      s.executeUpdate("INSERT INTO messages SELECT '" + room + "', last_id, 0, '" + senderKey + "', '" + senderKey
          + "', '" + room + " " + i + "', " + (refPrefix == null ? "NULL" : "'" + refPrefix + i + "'")
          + " FROM rooms WHERE name='" + room + "'");
    }
    return this;
  }

  LegacyDatabase sql(String statement) throws SQLException {
    s.executeUpdate(statement);
    return this;
  }

  @Override
  public void close() throws SQLException {
    s.close();
    c.close();
  }
}
