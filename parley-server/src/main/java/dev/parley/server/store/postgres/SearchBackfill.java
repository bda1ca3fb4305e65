package dev.parley.server.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Indexes the messages stored before search existed (schema version 4): fills their {@code
 * words}, in Java, since the words are {@link dev.parley.server.store.SearchIndexWords}' and no
 * SQL function makes the same ones.
 * Runs at start, before the server serves, in chunks of one transaction each that also record
 * how far it got ({@code search_backfill}), so a start that is interrupted leaves the rest to the
 * next. Each message is indexed by its newest text; deleted ones and amendments are skipped.
 */
final class SearchBackfill {
  private static final int CHUNK = 1_000;

  private SearchBackfill() {}

  static void run(DataSource pool) throws SQLException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        // Each chunk moves the mark past every message it read: a short one is the last.
        int indexed;
        do {
          indexed = chunk(c);
          c.commit();
        } while (indexed == CHUNK);
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    }
  }

  /** Indexes up to {@link #CHUNK} messages after the mark; returns how many it read. */
  private static int chunk(Connection c) throws SQLException {
    String room;
    long after;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT room, id FROM search_backfill")) {
      if (!rs.next()) {
        return 0; // done before
      }
      room = rs.getString(1);
      after = rs.getLong(2);
    }
    List<String> rooms = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<String> words = new ArrayList<>();
    int read = 0;
    try (PreparedStatement s = c.prepareStatement(
        "SELECT m.room, m.id, coalesce((SELECT e.text FROM messages e WHERE e.room = m.room AND e.edit_of = m.id"
            + " AND e.edit_of <> 0 ORDER BY e.id DESC LIMIT 1), m.text), m.edit_of = 0 AND m.delete_of = 0 AND NOT m.deleted"
            + " FROM messages m WHERE (m.room, m.id) > (?, ?) ORDER BY m.room, m.id LIMIT " + CHUNK)) {
      Jdbc.bind(s, room, after);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          room = rs.getString(1);
          after = rs.getLong(2);
          if (rs.getBoolean(4)) {
            rooms.add(room);
            ids.add(Long.toString(after));
            words.add(SearchIndex.lexemes(room, rs.getString(3)));
          }
          read++;
        }
      }
    }
    Jdbc.update(c, "UPDATE messages m SET words = array_to_tsvector(string_to_array(nullif(t.words, ''), ' '))"
            + " FROM unnest(?::text[], ?::text[]::bigint[], ?::text[]) AS t(room, id, words)"
            + " WHERE m.room = t.room AND m.id = t.id",
        rooms.toArray(String[]::new), ids.toArray(String[]::new), words.toArray(String[]::new));
    if (read < CHUNK) {
      Jdbc.update(c, "DELETE FROM search_backfill");
    } else {
      Jdbc.update(c, "UPDATE search_backfill SET room=?, id=?", room, after);
    }
    return read;
  }
}
