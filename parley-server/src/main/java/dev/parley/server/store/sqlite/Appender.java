package dev.parley.server.store.sqlite;

import dev.parley.server.store.Appended;
import dev.parley.server.store.NewMessage;
import dev.parley.server.store.StoredMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Appends a batch of messages in one transaction on one connection. Each room's next id comes
 * from a cache of {@code rooms.last_id}, written back at the end of the transaction, so ids are
 * gapless: on a rollback the cache forgets the rooms the batch touched and rereads them.
 * Only used by the group-commit writer thread.
 */
final class Appender {
  private final Map<String, Long> lastIds = new HashMap<>();
  /**
   * Each room's key in the search index, so that indexing a message costs no lookup; like
   * {@link #lastIds}, forgotten for the rooms of a batch that rolls back (a key given in it was
   * never stored).
   */
  private final Map<String, Long> searchKeys = new HashMap<>();
  /** Whether the current batch erased a text (a delete): its old pages must leave the log. */
  private boolean erased;

  List<Appended> append(Connection c, List<NewMessage> batch, long now) throws SQLException {
    try (Statement tx = c.createStatement()) {
      // Explicit statements rather than setAutoCommit: a BEGIN that fails (the lock is busy)
      // must leave the connection exactly as it was, ready for the next batch.
      tx.execute("BEGIN IMMEDIATE");
      Set<String> touched = new HashSet<>();
      erased = false;
      try {
        List<Appended> outcomes = insertAll(c, batch, now, touched);
        writeLastIds(c, touched);
        tx.execute("COMMIT");
        if (erased) {
          forgetOldPages(tx);
        }
        return outcomes;
      } catch (SQLException | RuntimeException e) {
        lastIds.keySet().removeAll(touched);
        searchKeys.keySet().removeAll(touched);
        try {
          tx.execute("ROLLBACK");
        } catch (SQLException alreadyRolledBack) {
          e.addSuppressed(alreadyRolledBack);
        }
        throw e;
      }
    }
  }

  private List<Appended> insertAll(
      Connection c, List<NewMessage> batch, long now, Set<String> touched) throws SQLException {
    List<Appended> outcomes = new ArrayList<>(batch.size());
    try (PreparedStatement findRef =
            c.prepareStatement(
                "SELECT id, ts, sender, text, bot, edit_of, delete_of, deleted FROM messages"
                    + " WHERE room=? AND sender_key=? AND ref=?");
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO messages(room, id, ts, sender, sender_key, text, ref, bot, edit_of, delete_of)"
                    + " VALUES(?,?,?,?,?,?,?,?,?,?)"
                    // Only a repeated ref is ignored; a clash of ids still fails the batch.
                    + " ON CONFLICT(room, sender_key, ref) WHERE ref IS NOT NULL DO NOTHING");
        PreparedStatement index = SearchIndex.prepareAdd(c)) {
      for (NewMessage m : batch) {
        Amendments.Target target = null;
        if (m.amends()) {
          StoredMessage original = m.ref() == null ? null : find(findRef, m);
          if (original != null) {
            outcomes.add(new Appended(original, true)); // the first outcome, whatever happened since
            continue;
          }
          target = Amendments.target(c, m.room(), m.target());
          Appended.Refusal refusal = Amendments.refusal(m, target);
          if (refusal != null) {
            outcomes.add(Appended.refused(refusal)); // stores nothing, takes no id
            continue;
          }
        }
        long id = lastId(c, m.room()) + 1;
        String text = m.deleteOf() != 0 ? "" : m.text(); // a delete carries no text of its own
        Sql.bind(insert, m.room(), id, now, m.from(), m.fromIdentity(), text, m.ref(), m.bot(),
            m.editOf(), m.deleteOf());
        if (insert.executeUpdate() == 0) {
          // A retry of a ref already stored: the insert was ignored and the id stays free.
          StoredMessage original = find(findRef, m);
          if (original == null) {
            throw new SQLException("ref " + m.ref() + " in " + m.room() + " was neither inserted nor found");
          }
          outcomes.add(new Appended(original, true));
          continue;
        }
        lastIds.put(m.room(), id);
        touched.add(m.room());
        if (m.editOf() != 0) {
          Amendments.edit(c, m.room(), target, m.text());
        } else if (m.deleteOf() != 0) {
          Amendments.delete(c, m.room(), target);
          erased = true;
        } else {
          SearchIndex.add(index, searchKey(c, m.room()), id, text);
        }
        outcomes.add(new Appended(
            new StoredMessage(m.room(), id, m.from(), text, now, m.bot(), m.editOf(), m.deleteOf(), false), false));
      }
    }
    return outcomes;
  }

  private long searchKey(Connection c, String room) throws SQLException {
    Long cached = searchKeys.get(room);
    if (cached == null) {
      cached = SearchIndex.roomKey(c, room);
      searchKeys.put(room, cached);
    }
    return cached;
  }

  /** The message stored under {@code m}'s ref, or {@code null}. */
  private static StoredMessage find(PreparedStatement findRef, NewMessage m) throws SQLException {
    Sql.bind(findRef, m.room(), m.fromIdentity(), m.ref());
    try (ResultSet rs = findRef.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      return new StoredMessage(
          m.room(), rs.getLong(1), rs.getString(3), rs.getString(4), rs.getLong(2), rs.getBoolean(5),
          rs.getLong(6), rs.getLong(7), rs.getBoolean(8));
    }
  }

  /**
   * Copies the log back into the database and empties it, so the page images that held an
   * erased text (secure_delete zeroes it in the pages themselves) leave the write-ahead log too.
   * Readers holding an older snapshot can keep the log from being emptied; then the next
   * delete's checkpoint, or closing the store, finishes the job.
   */
  private static void forgetOldPages(Statement s) {
    try {
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (SQLException e) {
      // The batch is committed: its outcome stands. The next checkpoint copies the pages.
    }
  }

  private long lastId(Connection c, String room) throws SQLException {
    Long cached = lastIds.get(room);
    if (cached != null) {
      return cached;
    }
    SqliteStore.insertRoomIfAbsent(c, room);
    try (PreparedStatement s = c.prepareStatement("SELECT last_id FROM rooms WHERE name=?")) {
      s.setString(1, room);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private void writeLastIds(Connection c, Set<String> rooms) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE rooms SET last_id=? WHERE name=?")) {
      for (String room : rooms) {
        s.setLong(1, lastIds.get(room));
        s.setString(2, room);
        s.addBatch();
      }
      s.executeBatch();
    }
  }
}
