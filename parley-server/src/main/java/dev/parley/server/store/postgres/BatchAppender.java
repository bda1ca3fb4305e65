package dev.parley.server.store.postgres;

import dev.parley.protocol.Names;
import dev.parley.server.store.Appended;
import dev.parley.server.store.NewMessage;
import dev.parley.server.store.StoredMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Appends a batch in one transaction, in a fixed number of round trips whatever its size. Each
 * room's id counter is its row in {@code rooms}: the batch first locks every room it writes to
 * (creating the rows of new ones), in name order so that two nodes storing in the same rooms
 * wait for each other rather than deadlock, and holds those locks until it commits. So no other
 * node stores in those rooms meanwhile: the ids it gives are the next ones, gapless, and a ref
 * stored by anyone before is visible to the duplicate check. Stateless: every node reads the
 * counters afresh.
 */
final class BatchAppender {
  private static final String LOCK_ROOMS =
      "INSERT INTO rooms AS r (name, last_id, dm_a, dm_b, created)"
          + " SELECT t.name, 0, t.dm_a, t.dm_b, ? FROM unnest(?::text[], ?::text[], ?::text[]) AS t(name, dm_a, dm_b)"
          + " ORDER BY t.name COLLATE \"C\""
          + " ON CONFLICT (name) DO UPDATE SET last_id = r.last_id"
          + " RETURNING r.name, r.last_id";
  private static final String STORED_REFS =
      "SELECT m.room, m.sender_key, m.ref, m.id, m.ts, m.sender, m.text, m.bot, m.edit_of, m.delete_of, m.deleted"
          + " FROM messages m"
          + " JOIN unnest(?::text[], ?::text[], ?::text[]) AS r(room, sender_key, ref)"
          + " ON m.room = r.room AND m.sender_key = r.sender_key AND m.ref = r.ref";
  private static final String INSERT =
      "INSERT INTO messages(room, id, ts, sender, sender_key, text, ref, bot, edit_of, delete_of, words)"
          + " VALUES(?,?,?,?,?,?,?,?,?,?," + SearchIndex.WORDS + ")";
  private static final String WRITE_LAST = "UPDATE rooms SET last_id=? WHERE name=?";

  /** A ref's identity: the same ref from the same sender in the same room is one message. */
  private record RefKey(String room, String senderKey, String ref) {}

  private BatchAppender() {}

  static List<Appended> append(Connection c, List<NewMessage> batch, long now) throws SQLException {
    Map<String, Long> lastIds = lockRooms(c, batch, now);
    Map<RefKey, StoredMessage> stored = storedRefs(c, batch);
    List<Appended> outcomes = new ArrayList<>(batch.size());
    Map<String, Long> written = new TreeMap<>();
    try (PreparedStatement insert = c.prepareStatement(INSERT)) {
      int pending = 0;
      for (NewMessage m : batch) {
        RefKey key = m.ref() == null ? null : new RefKey(m.room(), m.fromIdentity(), m.ref());
        StoredMessage original = key == null ? null : stored.get(key);
        if (original != null) {
          outcomes.add(new Appended(original, true)); // the first outcome, whatever happened since
          continue;
        }
        Amendments.Target target = null;
        if (m.amends()) {
          if (pending > 0) {
            insert.executeBatch(); // the target may be one of them
            pending = 0;
          }
          target = Amendments.target(c, m.room(), m.target());
          Appended.Refusal refusal = Amendments.refusal(m, target);
          if (refusal != null) {
            outcomes.add(Appended.refused(refusal)); // stores nothing, takes no id
            continue;
          }
        }
        long id = lastIds.merge(m.room(), 1L, Long::sum);
        written.put(m.room(), id);
        String text = m.deleteOf() != 0 ? "" : m.text(); // a delete carries no text of its own
        StoredMessage message =
            new StoredMessage(m.room(), id, m.from(), text, now, m.bot(), m.editOf(), m.deleteOf(), false);
        if (key != null) {
          stored.put(key, message); // a repeat later in this batch gets this one
        }
        // Only a message is searchable (by its own text until an edit): edits and deletes are not.
        String words = m.amends() ? "" : SearchIndex.lexemes(m.room(), text);
        Jdbc.bind(insert, m.room(), id, now, m.from(), m.fromIdentity(), text, m.ref(), m.bot(),
            m.editOf(), m.deleteOf(), words);
        insert.addBatch();
        pending++;
        if (m.editOf() != 0) {
          Amendments.edit(c, m.room(), target, m.text());
        } else if (m.deleteOf() != 0) {
          Amendments.delete(c, m.room(), target);
        }
        outcomes.add(new Appended(message, false));
      }
      if (pending > 0) {
        insert.executeBatch();
      }
    }
    writeLastIds(c, written);
    forgetUnwritten(c, lastIds);
    return outcomes;
  }

  /** Locks (creating if new) the row of every room in the batch; returns each one's last id. */
  private static Map<String, Long> lockRooms(Connection c, List<NewMessage> batch, long now) throws SQLException {
    TreeSet<String> rooms = new TreeSet<>();
    for (NewMessage m : batch) {
      rooms.add(m.room());
    }
    int n = rooms.size();
    String[] names = rooms.toArray(new String[0]);
    String[] dmA = new String[n];
    String[] dmB = new String[n];
    for (int i = 0; i < n; i++) {
      if (Names.isDirect(names[i])) {
        String[] pair = names[i].substring(3).split(":", 2);
        dmA[i] = pair[0];
        dmB[i] = pair[1];
      }
    }
    Map<String, Long> lastIds = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(LOCK_ROOMS)) {
      Jdbc.bind(s, now, names, dmA, dmB);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          lastIds.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return lastIds;
  }

  /** The messages already stored under the batch's refs. */
  private static Map<RefKey, StoredMessage> storedRefs(Connection c, List<NewMessage> batch) throws SQLException {
    List<NewMessage> withRef = batch.stream().filter(m -> m.ref() != null).toList();
    Map<RefKey, StoredMessage> found = new HashMap<>();
    if (withRef.isEmpty()) {
      return found;
    }
    try (PreparedStatement s = c.prepareStatement(STORED_REFS)) {
      Jdbc.bind(s,
          withRef.stream().map(NewMessage::room).toArray(String[]::new),
          withRef.stream().map(NewMessage::fromIdentity).toArray(String[]::new),
          withRef.stream().map(NewMessage::ref).toArray(String[]::new));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String room = rs.getString(1);
          found.put(new RefKey(room, rs.getString(2), rs.getString(3)),
              new StoredMessage(room, rs.getLong(4), rs.getString(6), rs.getString(7), rs.getLong(5), rs.getBoolean(8),
                  rs.getLong(9), rs.getLong(10), rs.getBoolean(11)));
        }
      }
    }
    return found;
  }

  /**
   * Removes the rows locking made for rooms that got nothing (only refused edits or deletes):
   * a room is stored once written to, never before.
   */
  private static void forgetUnwritten(Connection c, Map<String, Long> lastIds) throws SQLException {
    String[] empty = lastIds.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey)
        .toArray(String[]::new);
    if (empty.length > 0) {
      Jdbc.update(c, "DELETE FROM rooms WHERE name = ANY(?::text[]) AND last_id = 0", (Object) empty);
    }
  }

  private static void writeLastIds(Connection c, Map<String, Long> written) throws SQLException {
    if (written.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(WRITE_LAST)) {
      for (Map.Entry<String, Long> e : written.entrySet()) {
        Jdbc.bind(s, e.getValue(), e.getKey());
        s.addBatch();
      }
      s.executeBatch();
    }
  }
}
