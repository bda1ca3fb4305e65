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
 * The search index: each searchable message's {@code words}, a {@code tsvector} of the words
 * of its newest text (as {@link SearchIndexWords} makes them, taken as lexemes as they are, no
 * parser or dictionary in between) and of its room ({@link #roomLexeme}), under a GIN index; a
 * query is a {@code tsquery} AND-ing the room and its words, each quoted as one lexeme. So a
 * message matches the queries it would in the embedded store, and the index finds a room's
 * matches without visiting those of other rooms.
 */
final class SearchIndex {
  /**
   * The SQL of a message's {@code words} from the parameter {@link #lexemes}: {@code NULL} for
   * a text without words. (Lexemes hold no spaces: neither words nor room names do.)
   */
  static final String WORDS = "array_to_tsvector(string_to_array(nullif(?, ''), ' '))";

  /** How many of the room's newest messages a search checks one by one before using the index. */
  private static final int NEWEST = 1_000;

  private static final String NEWEST_TEXT =
      "SELECT m.id, m.sender, coalesce((SELECT e.text FROM messages e WHERE e.room=m.room AND e.edit_of=m.id"
          + " AND e.edit_of <> 0 ORDER BY e.id DESC LIMIT 1), m.text), m.ts, m.bot";

  private SearchIndex() {}

  /**
   * The parameter of {@link #WORDS} for a message of {@code room}: its room's lexeme and its
   * text's words joined by spaces, or nothing when the text has no words.
   */
  static String lexemes(String room, String text) {
    List<String> words = SearchIndexWords.ofText(text);
    return words.isEmpty() ? "" : roomLexeme(room) + " " + String.join(" ", words);
  }

  /**
   * The lexeme of a room's messages: never a word, since words are letters, digits and marks
   * only.
   */
  private static String roomLexeme(String room) {
    return "#" + room;
  }

  /** Indexes the message {@code id} by {@code text} from now on (its newest, as of an edit). */
  static void update(Connection c, String room, long id, String text) throws SQLException {
    Jdbc.update(c, "UPDATE messages SET words = " + WORDS + " WHERE room=? AND id=?", lexemes(room, text), room, id);
  }

  /**
   * The newest messages of the room having every word, each with its newest text. A GIN index
   * answers in no order, and PostgreSQL, left to choose, may walk the whole room newest first
   * checking every message against a word it thinks common. So: the room's {@value #NEWEST}
   * newest messages are checked one by one first, which finds the limit at once when the
   * words are common together; when they are not, the index gives every match (a
   * materialized set, so that it is not turned back into the walk), and the newest are kept.
   * The room's lexeme in the query is what keeps other rooms out there: a {@code room = ?}
   * would let a generic plan (a statement run again) AND the index's answer with the bitmap of
   * the whole room from the primary key, some 5 ms for 100,000 messages.
   */
  static List<StoredMessage> search(Connection c, String room, List<String> queryWords, long readableAfter, int limit)
      throws SQLException {
    List<String> words = SearchIndexWords.ofQuery(queryWords);
    if (words.isEmpty() || limit <= 0) {
      return List.of();
    }
    String query = query(room, words);
    List<StoredMessage> newest = found(c,
        "WITH recent AS MATERIALIZED (SELECT id, words FROM messages WHERE room=? AND id>? ORDER BY id DESC LIMIT "
            + NEWEST + ")"
            + " " + NEWEST_TEXT + " FROM recent r JOIN messages m ON m.room=? AND m.id=r.id"
            + " WHERE r.words @@ ?::tsquery ORDER BY r.id DESC LIMIT ?",
        room, room, readableAfter, room, query, limit);
    if (newest.size() == limit) {
      return newest;
    }
    return found(c,
        "WITH hits AS MATERIALIZED (SELECT id FROM messages WHERE words @@ ?::tsquery AND id>?)"
            + " " + NEWEST_TEXT + " FROM (SELECT id FROM hits ORDER BY id DESC LIMIT ?) h"
            + " JOIN messages m ON m.room=? AND m.id=h.id ORDER BY m.id DESC",
        room, query, readableAfter, limit, room);
  }

  private static List<StoredMessage> found(Connection c, String sql, String room, Object... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      Jdbc.bind(s, args);
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

  /**
   * The {@code tsquery} (in its input syntax, which takes a quoted lexeme as it is) having the
   * room and every word: neither a word nor a room name holds a quote or backslash.
   */
  private static String query(String room, List<String> words) {
    StringBuilder q = new StringBuilder().append('\'').append(roomLexeme(room)).append('\'');
    for (String word : words) {
      q.append(" & '").append(word).append('\'');
    }
    return q.toString();
  }
}
