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

  List<Appended> append(Connection c, List<NewMessage> batch, long now) throws SQLException {
    try (Statement tx = c.createStatement()) {
      // Explicit statements rather than setAutoCommit: a BEGIN that fails (the lock is busy)
      // must leave the connection exactly as it was, ready for the next batch.
      tx.execute("BEGIN IMMEDIATE");
      Set<String> touched = new HashSet<>();
      try {
        List<Appended> outcomes = insertAll(c, batch, now, touched);
        writeLastIds(c, touched);
        tx.execute("COMMIT");
        return outcomes;
      } catch (SQLException | RuntimeException e) {
        lastIds.keySet().removeAll(touched);
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
                "SELECT id, ts, sender, text, bot FROM messages WHERE room=? AND sender_key=? AND ref=?");
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO messages(room, id, ts, sender, sender_key, text, ref, bot)"
                    + " VALUES(?,?,?,?,?,?,?,?)"
                    // Only a repeated ref is ignored; a clash of ids still fails the batch.
                    + " ON CONFLICT(room, sender_key, ref) WHERE ref IS NOT NULL DO NOTHING")) {
      for (NewMessage m : batch) {
        long id = lastId(c, m.room()) + 1;
        insert.setString(1, m.room());
        insert.setLong(2, id);
        insert.setLong(3, now);
        insert.setString(4, m.from());
        insert.setString(5, m.fromIdentity());
        insert.setString(6, m.text());
        insert.setString(7, m.ref());
        insert.setInt(8, m.bot() ? 1 : 0);
        if (insert.executeUpdate() == 0) {
          // A retry of a ref already stored: the insert was ignored and the id stays free.
          outcomes.add(new Appended(find(findRef, m), true));
          continue;
        }
        lastIds.put(m.room(), id);
        touched.add(m.room());
        outcomes.add(new Appended(new StoredMessage(m.room(), id, m.from(), m.text(), now, m.bot()), false));
      }
    }
    return outcomes;
  }

  private static StoredMessage find(PreparedStatement findRef, NewMessage m) throws SQLException {
    findRef.setString(1, m.room());
    findRef.setString(2, m.fromIdentity());
    findRef.setString(3, m.ref());
    try (ResultSet rs = findRef.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("ref " + m.ref() + " in " + m.room() + " was neither inserted nor found");
      }
      return new StoredMessage(
          m.room(), rs.getLong(1), rs.getString(3), rs.getString(4), rs.getLong(2), rs.getBoolean(5));
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
