package dev.parley.server.store.sqlite;

import dev.parley.server.store.SearchIndexWords;
import dev.parley.server.store.StoredMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The search index, {@code message_words}: one row per (room, word, message id) for the words
 * of each searchable message's newest text. A message's rows are found again by its text (the
 * words are what {@link SearchIndexWords} makes of it), so they are removed by their whole key,
 * never by a scan.
 */
final class SearchIndex {
  /** Counting a word's rows stops here: enough to tell a rare word from a common one. */
  private static final int COUNT_CAP = 2_000;

  private SearchIndex() {}

  static void add(Connection c, String room, long id, String text) throws SQLException {
    words(c, "INSERT OR IGNORE INTO message_words(room, word, id) VALUES(?,?,?)", room, id, text);
  }

  static void remove(Connection c, String room, long id, String text) throws SQLException {
    words(c, "DELETE FROM message_words WHERE room=? AND word=? AND id=?", room, id, text);
  }

  private static void words(Connection c, String sql, String room, long id, String text) throws SQLException {
    List<String> words = SearchIndexWords.ofText(text);
    if (words.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (String word : words) {
        Sql.bind(s, room, word, id);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** Indexes every message stored before the index existed (at the upgrade to version 7). */
  static void indexAll(Connection c) throws SQLException {
    try (PreparedStatement all = c.prepareStatement(
            "SELECT room, id, text FROM messages WHERE edit_of=0 AND delete_of=0 AND deleted=0");
        PreparedStatement insert = c.prepareStatement(
            "INSERT OR IGNORE INTO message_words(room, word, id) VALUES(?,?,?)");
        ResultSet rs = all.executeQuery()) {
      int pending = 0;
      while (rs.next()) {
        for (String word : SearchIndexWords.ofText(rs.getString(3))) {
          Sql.bind(insert, rs.getString(1), word, rs.getLong(2));
          insert.addBatch();
          if (++pending == 1_000) {
            insert.executeBatch();
            pending = 0;
          }
        }
      }
      insert.executeBatch();
    }
  }

  /**
   * The newest messages of the room having every word, each with its newest text. The rarest
   * word's rows are walked newest first, and each is kept if the other words have a row of the
   * same id: the walk stops after {@code limit} hits. (A message's newest text is its last
   * edit's, looked up {@code INDEXED BY messages_edits}: without statistics SQLite would rather
   * walk the whole room in id order than sort a message's few edits.)
   */
  static List<StoredMessage> search(Connection c, String room, List<String> queryWords, long readableAfter, int limit)
      throws SQLException {
    List<String> words = new ArrayList<>(SearchIndexWords.ofQuery(queryWords));
    if (words.isEmpty() || limit <= 0) {
      return List.of();
    }
    String rarest = rarest(c, room, words, readableAfter);
    words.remove(rarest);
    StringBuilder select = new StringBuilder(
        "SELECT m.id, m.sender, coalesce((SELECT e.text FROM messages e INDEXED BY messages_edits WHERE e.room=m.room AND e.edit_of=m.id"
            + " AND e.edit_of<>0 ORDER BY e.id DESC LIMIT 1), m.text), m.ts, m.bot"
            + " FROM message_words w CROSS JOIN messages m ON m.room=w.room AND m.id=w.id"
            + " WHERE w.room=? AND w.word=? AND w.id>?");
    for (int i = 0; i < words.size(); i++) {
      select.append(" AND EXISTS(SELECT 1 FROM message_words x WHERE x.room=w.room AND x.word=? AND x.id=w.id)");
    }
    select.append(" ORDER BY w.id DESC LIMIT ?");
    try (PreparedStatement s = c.prepareStatement(select.toString())) {
      int i = 1;
      s.setString(i++, room);
      s.setString(i++, rarest);
      s.setLong(i++, readableAfter);
      for (String word : words) {
        s.setString(i++, word);
      }
      s.setInt(i, limit);
      List<StoredMessage> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new StoredMessage(
              room, rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getBoolean(5)));
        }
      }
      return out;
    }
  }

  private static String rarest(Connection c, String room, List<String> words, long readableAfter) throws SQLException {
    if (words.size() == 1) {
      return words.get(0);
    }
    String rarest = null;
    long fewest = Long.MAX_VALUE;
    try (PreparedStatement s = c.prepareStatement(
        "SELECT count(*) FROM (SELECT 1 FROM message_words WHERE room=? AND word=? AND id>? LIMIT " + COUNT_CAP + ")")) {
      for (String word : words) {
        Sql.bind(s, room, word, readableAfter);
        try (ResultSet rs = s.executeQuery()) {
          long n = rs.next() ? rs.getLong(1) : 0;
          if (n < fewest) {
            fewest = n;
            rarest = word;
          }
        }
      }
    }
    return rarest;
  }
}
