package dev.parley.server.store.postgres;

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
 * of each searchable message's newest text, as in the embedded store. A message's rows are found
 * again by its text (the words are what {@link SearchIndexWords} makes of it).
 */
final class SearchIndex {
  /** Counting a word's rows stops here: enough to tell a rare word from a common one. */
  private static final int COUNT_CAP = 2_000;

  private static final String INSERT =
      "INSERT INTO message_words(room, word, id) SELECT * FROM unnest(?::text[], ?::text[], ?::text[]::bigint[])"
          + " ON CONFLICT DO NOTHING";

  private SearchIndex() {}

  /** Word rows gathered while a batch is built, inserted in one statement. */
  static final class Rows {
    private final List<String> rooms = new ArrayList<>();
    private final List<String> words = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();

    void add(String room, long id, String text) {
      for (String word : SearchIndexWords.ofText(text)) {
        rooms.add(room);
        words.add(word);
        ids.add(Long.toString(id));
      }
    }

    void insert(Connection c) throws SQLException {
      if (rooms.isEmpty()) {
        return;
      }
      Jdbc.update(c, INSERT, rooms.toArray(String[]::new), words.toArray(String[]::new), ids.toArray(String[]::new));
      rooms.clear();
      words.clear();
      ids.clear();
    }
  }

  static void add(Connection c, String room, long id, String text) throws SQLException {
    Rows rows = new Rows();
    rows.add(room, id, text);
    rows.insert(c);
  }

  static void remove(Connection c, String room, long id, String text) throws SQLException {
    List<String> words = SearchIndexWords.ofText(text);
    if (!words.isEmpty()) {
      Jdbc.update(c, "DELETE FROM message_words WHERE room=? AND id=? AND word = ANY(?::text[])",
          room, id, words.toArray(String[]::new));
    }
  }

  /**
   * The newest messages of the room having every word, each with its newest text. The rarest
   * word's rows are walked newest first, and each is kept if the other words have a row of the
   * same id: the walk stops after {@code limit} hits. ({@code OFFSET 0} keeps each check a
   * lookup per row: PostgreSQL would otherwise be free to turn it into a join that reads every
   * row of the other words first.)
   */
  static List<StoredMessage> search(Connection c, String room, List<String> queryWords, long readableAfter, int limit)
      throws SQLException {
    List<String> words = new ArrayList<>(SearchIndexWords.ofQuery(queryWords));
    if (words.isEmpty() || limit <= 0) {
      return List.of();
    }
    String rarest = rarest(c, room, words, readableAfter);
    words.remove(rarest);
    StringBuilder hits = new StringBuilder(
        "SELECT w.id FROM message_words w WHERE w.room=? AND w.word=? AND w.id>?");
    for (int i = 0; i < words.size(); i++) {
      hits.append(" AND EXISTS(SELECT 1 FROM message_words x WHERE x.room=w.room AND x.word=? AND x.id=w.id OFFSET 0)");
    }
    hits.append(" ORDER BY w.id DESC LIMIT ?");
    String select =
        "SELECT m.id, m.sender, coalesce((SELECT e.text FROM messages e WHERE e.room=m.room AND e.edit_of=m.id"
            + " AND e.edit_of <> 0 ORDER BY e.id DESC LIMIT 1), m.text), m.ts, m.bot"
            + " FROM (" + hits + ") hit JOIN messages m ON m.room=? AND m.id=hit.id ORDER BY m.id DESC";
    List<Object> args = new ArrayList<>(List.of(room, rarest, readableAfter));
    args.addAll(words);
    args.add(limit);
    args.add(room);
    try (PreparedStatement s = c.prepareStatement(select)) {
      Jdbc.bind(s, args.toArray());
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
        "SELECT count(*) FROM (SELECT 1 FROM message_words WHERE room=? AND word=? AND id>? LIMIT " + COUNT_CAP + ") f")) {
      for (String word : words) {
        Jdbc.bind(s, room, word, readableAfter);
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
