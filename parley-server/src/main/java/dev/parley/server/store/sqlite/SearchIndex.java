package dev.parley.server.store.sqlite;

import dev.parley.server.store.SearchIndexWords;
import dev.parley.server.store.StoredMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The search index: the FTS5 table {@code message_search}, one row per searchable message
 * holding the words of its newest text (as {@link SearchIndexWords} makes them, joined by
 * spaces). A row's rowid is the message's place in the store: its room's key ({@code
 * search_rooms}) in the high bits, its id in the low ones, so a room's messages are one rowid
 * range and FTS5, walking its doclists in rowid order, gives a room's matches newest first and
 * stops at the limit.
 */
final class SearchIndex {
  /** Bits of a rowid for the message id: 2^36 (69 billion) messages a room, 2^27 (134 million) rooms. */
  private static final int ID_BITS = 36;

  private static final long MAX_ID = (1L << ID_BITS) - 1;
  private static final long MAX_ROOM_KEY = (1L << (63 - ID_BITS)) - 1;

  private SearchIndex() {}

  /** Indexes the message {@code id} by {@code text} (its newest). */
  static void add(Connection c, String room, long id, String text) throws SQLException {
    try (PreparedStatement insert = prepareAdd(c)) {
      add(insert, roomKey(c, room), id, text);
    }
  }

  /**
   * The statement {@link #add(PreparedStatement, long, long, String)} runs: a caller indexing
   * many messages prepares it once, not once a message (preparing costs about half as much
   * again as the insert itself).
   */
  static PreparedStatement prepareAdd(Connection c) throws SQLException {
    return c.prepareStatement("INSERT INTO message_search(rowid, words) VALUES(?,?)");
  }

  /** As above, with the {@link #prepareAdd insert} and the room's {@link #roomKey key} at hand. */
  static void add(PreparedStatement insert, long roomKey, long id, String text) throws SQLException {
    String words = words(text);
    if (!words.isEmpty()) {
      Sql.bind(insert, rowid(roomKey, id), words);
      insert.executeUpdate();
    }
  }

  /**
   * Takes the message {@code id}, indexed by {@code text}, out of the index. A contentless
   * table must be told the words it indexed: with them, secure-delete erases them from the
   * index's pages (a table that forgets its rows' words could only mark the row deleted).
   */
  static void remove(Connection c, String room, long id, String text) throws SQLException {
    String words = words(text);
    long key = existingKey(c, room);
    if (!words.isEmpty() && key != 0) {
      Sql.update(c, "INSERT INTO message_search(message_search, rowid, words) VALUES('delete',?,?)", rowid(key, id), words);
    }
  }

  private static String words(String text) {
    return String.join(" ", SearchIndexWords.ofText(text));
  }

  /**
   * Indexes every searchable message, by its newest text, into an empty index: at the upgrade
   * that makes the index (to version 8, which remade version 7's).
   */
  static void indexAll(Connection c) throws SQLException {
    Map<String, Long> keys = new HashMap<>();
    try (PreparedStatement all = c.prepareStatement(
            "SELECT m.room, m.id, coalesce((SELECT e.text FROM messages e INDEXED BY messages_edits WHERE e.room=m.room"
                + " AND e.edit_of=m.id AND e.edit_of<>0 ORDER BY e.id DESC LIMIT 1), m.text)"
                + " FROM messages m WHERE m.edit_of=0 AND m.delete_of=0 AND m.deleted=0");
        PreparedStatement insert = prepareAdd(c);
        ResultSet rs = all.executeQuery()) {
      while (rs.next()) {
        String room = rs.getString(1);
        Long key = keys.get(room);
        if (key == null) {
          key = roomKey(c, room);
          keys.put(room, key);
        }
        add(insert, key, rs.getLong(2), rs.getString(3));
      }
    }
  }

  /**
   * The newest messages of the room having every word, each with its newest text. FTS5
   * answers the match within the room's rowid range, newest first, and stops after {@code
   * limit}; each hit's newest text is its last edit's, looked up {@code INDEXED BY
   * messages_edits} (without statistics SQLite would rather walk the whole room in id order
   * than sort a message's few edits).
   */
  static List<StoredMessage> search(Connection c, String room, List<String> queryWords, long readableAfter, int limit)
      throws SQLException {
    List<String> words = SearchIndexWords.ofQuery(queryWords);
    long key = existingKey(c, room);
    if (words.isEmpty() || limit <= 0 || key == 0) {
      return List.of();
    }
    try (PreparedStatement s = c.prepareStatement(
        "SELECT m.id, m.sender, coalesce((SELECT e.text FROM messages e INDEXED BY messages_edits WHERE e.room=m.room"
            + " AND e.edit_of=m.id AND e.edit_of<>0 ORDER BY e.id DESC LIMIT 1), m.text), m.ts, m.bot"
            + " FROM (SELECT rowid AS r FROM message_search WHERE message_search MATCH ? AND rowid>? AND rowid<=?"
            + " ORDER BY rowid DESC LIMIT ?) hit"
            + " CROSS JOIN messages m ON m.room=? AND m.id=hit.r-?"
            + " ORDER BY hit.r DESC")) {
      Sql.bind(s, query(words), rowid(key, Math.max(readableAfter, 0)), rowid(key, MAX_ID), (long) limit, room, rowid(key, 0));
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
   * The FTS5 query having every word as a whole token: each one quoted (a word is letters,
   * digits and marks only, so it never holds a quote), AND-ed by juxtaposition.
   */
  private static String query(List<String> words) {
    StringBuilder q = new StringBuilder();
    for (String word : words) {
      q.append(q.isEmpty() ? "" : " ").append('"').append(word).append('"');
    }
    return q.toString();
  }

  private static long rowid(long roomKey, long id) {
    if (id < 0 || id > MAX_ID || roomKey > MAX_ROOM_KEY) {
      throw new IllegalArgumentException("message " + id + " of room key " + roomKey + " is out of the search index's range");
    }
    return (roomKey << ID_BITS) | id;
  }

  /** The room's key, given it now if it has none. */
  static long roomKey(Connection c, String room) throws SQLException {
    long key = existingKey(c, room);
    if (key != 0) {
      return key;
    }
    Sql.update(c, "INSERT INTO search_rooms(room) VALUES(?)", room);
    return existingKey(c, room);
  }

  /** The room's key, or 0 when nothing of it was ever indexed. */
  private static long existingKey(Connection c, String room) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT key FROM search_rooms WHERE room=?")) {
      Sql.bind(s, room);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }
}
