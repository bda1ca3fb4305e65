package dev.parley.server.store.postgres;

import dev.parley.server.store.SearchIndexWords;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Gives the messages stored before search existed (schema version 4) their search words, in
 * Java, since the words are {@link SearchIndexWords}' and no SQL function makes the same ones.
 * Runs at start, in chunks of one transaction each, until none is left; the next start finishes
 * what an interrupted one left.
 */
final class SearchBackfill {
  private static final int CHUNK = 1_000;

  private SearchBackfill() {}

  static void run(DataSource pool) throws SQLException {
    try (Connection c = pool.getConnection()) {
      // Each chunk gives words to every row it read, so the next finds fewer: a short one is the last.
      int indexed;
      do {
        indexed = chunk(c);
      } while (indexed == CHUNK);
    }
  }

  private record Unindexed(String room, long id, String words) {}

  /** Indexes up to {@link #CHUNK} unindexed messages; returns how many. */
  private static int chunk(Connection c) throws SQLException {
    List<Unindexed> rows = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT room, id, text, edit_of = 0 AND delete_of = 0 AND NOT deleted FROM messages"
            + " WHERE words IS NULL ORDER BY room, id LIMIT " + CHUNK);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        rows.add(new Unindexed(rs.getString(1), rs.getLong(2), rs.getBoolean(4) ? rs.getString(3) : ""));
      }
    }
    if (rows.isEmpty()) {
      return 0;
    }
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE messages SET words = array_to_tsvector(?::text[]) WHERE room=? AND id=?")) {
      for (Unindexed row : rows) {
        Jdbc.bind(s, SearchIndexWords.ofText(row.words()).toArray(String[]::new), row.room(), row.id());
        s.addBatch();
      }
      s.executeBatch();
    }
    return rows.size();
  }
}
