package dev.parley.server.store.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.parley.server.store.AccountStore;
import dev.parley.server.store.Appended;
import dev.parley.server.store.ChatStore;
import dev.parley.server.store.HistorySlice;
import dev.parley.server.store.NewMessage;
import dev.parley.server.store.RoomInfo;
import dev.parley.server.store.RoomPolicy;
import dev.parley.server.store.RoomTopic;
import dev.parley.server.store.StoredMessage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rooms and history in a PostgreSQL database, with the accounts and tokens of {@link
 * #accountStore()} beside them. Several servers (nodes) may use one database at once: ids are
 * counted in the database (see {@link BatchAppender}), never in a node's memory.
 */
public final class PostgresStore implements ChatStore {
  private final HikariDataSource pool;
  private final Jdbc jdbc;
  private final PostgresAccountStore accountStore;

  private PostgresStore(HikariDataSource pool) {
    this.pool = pool;
    this.jdbc = new Jdbc(pool);
    this.accountStore = new PostgresAccountStore(jdbc);
  }

  /**
   * Connects to the database and creates or upgrades its schema.
   *
   * @throws dev.parley.server.store.StoreException naming PostgreSQL and the URL (without its
   *     password) when the database cannot be reached or its schema cannot be brought up to date
   */
  public static PostgresStore open(PostgresUrl url) {
    HikariDataSource pool = ConnectionPool.open(url);
    try {
      Migrations.apply(pool, url);
      return new PostgresStore(pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  @Override
  public AccountStore accountStore() {
    return accountStore;
  }

  @Override
  public List<Appended> appendAll(List<NewMessage> batch) {
    long now = System.currentTimeMillis();
    return jdbc.inTransaction(c -> BatchAppender.append(c, batch, now));
  }

  @Override
  public long lastId(String room) {
    return jdbc.query(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT last_id FROM rooms WHERE name=?")) {
        s.setString(1, room);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? rs.getLong(1) : 0L;
        }
      }
    });
  }

  @Override
  public List<StoredMessage> range(String room, long after, long upTo, int limit) {
    return newestFirst(
        "SELECT id, sender, text, ts, bot, edit_of, delete_of, deleted FROM messages"
            + " WHERE room=? AND id>? AND id<=? ORDER BY id DESC LIMIT ?",
        room, after, upTo, limit);
  }

  @Override
  public HistorySlice before(String room, long after, long before, int limit) {
    List<StoredMessage> found = newestFirst(
        "SELECT id, sender, text, ts, bot, edit_of, delete_of, deleted FROM messages"
            + " WHERE room=? AND id>? AND id<? ORDER BY id DESC LIMIT ?",
        room, after, before, limit + 1);
    boolean more = found.size() > limit;
    return new HistorySlice(more ? found.subList(1, found.size()) : found, more);
  }

  /** Runs a newest-first query and returns its rows oldest first. */
  private List<StoredMessage> newestFirst(String select, String room, long low, long high, int limit) {
    return jdbc.query(c -> {
      try (PreparedStatement s = c.prepareStatement(select)) {
        Jdbc.bind(s, room, low, high, limit);
        List<StoredMessage> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(new StoredMessage(
                room, rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getBoolean(5),
                rs.getLong(6), rs.getLong(7), rs.getBoolean(8)));
          }
        }
        Collections.reverse(out);
        return out;
      }
    });
  }

  @Override
  public RoomPolicy policy(String room) {
    return jdbc.query(c -> new RoomPolicy(
        strings(c, "SELECT user_key FROM room_owners WHERE room=?", room),
        strings(c, "SELECT user_key FROM room_bans WHERE room=?", room)));
  }

  private static Set<String> strings(java.sql.Connection c, String select, String room) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(select)) {
      s.setString(1, room);
      Set<String> out = new HashSet<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }

  @Override
  public Set<String> claimFirstOwner(String room, String userKey) {
    return jdbc.inTransaction(c -> {
      // Two nodes claiming the same new room at once: one waits for the other's claim.
      try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('owner:' || ?))")) {
        lock.setString(1, room);
        lock.execute();
      }
      Set<String> owners = strings(c, "SELECT user_key FROM room_owners WHERE room=?", room);
      if (!owners.isEmpty()) {
        return owners;
      }
      Jdbc.update(c, "INSERT INTO room_owners(room, user_key) VALUES(?,?)", room, userKey);
      return Set.of(userKey);
    });
  }

  @Override
  public void addOwner(String room, String userKey) {
    jdbc.query(c -> Jdbc.update(c,
        "INSERT INTO room_owners(room, user_key) VALUES(?,?) ON CONFLICT DO NOTHING", room, userKey));
  }

  @Override
  public void setBanned(String room, String userKey, boolean banned) {
    jdbc.query(c -> banned
        ? Jdbc.update(c, "INSERT INTO room_bans(room, user_key) VALUES(?,?) ON CONFLICT DO NOTHING", room, userKey)
        : Jdbc.update(c, "DELETE FROM room_bans WHERE room=? AND user_key=?", room, userKey));
  }

  @Override
  public String clusterId() {
    return jdbc.query(c -> {
      try (var s = c.prepareStatement("SELECT id FROM cluster"); var rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    });
  }

  @Override
  public void checkWritable() {
    jdbc.query(c -> Jdbc.update(c, "INSERT INTO counters(name, value) VALUES('health_checks', 1)"
        + " ON CONFLICT(name) DO UPDATE SET value = counters.value + 1"));
  }

  @Override
  public List<RoomInfo> publicRooms(int max) {
    return rooms("SELECT name, last_id FROM rooms WHERE dm_a IS NULL ORDER BY name COLLATE \"C\" LIMIT ?", max);
  }

  @Override
  public List<RoomInfo> directRooms(String userKey) {
    return rooms(
        "SELECT r.name, r.last_id FROM rooms r LEFT JOIN dm_floors f ON f.user_key=? AND f.room=r.name"
            + " WHERE (r.dm_a=? OR r.dm_b=?) AND r.last_id > coalesce(f.after_id, 0) ORDER BY r.name COLLATE \"C\"",
        userKey, userKey, userKey);
  }

  private List<RoomInfo> rooms(String select, Object... args) {
    return jdbc.query(c -> {
      try (PreparedStatement s = c.prepareStatement(select)) {
        Jdbc.bind(s, args);
        List<RoomInfo> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(new RoomInfo(rs.getString(1), rs.getLong(2)));
          }
        }
        return out;
      }
    });
  }

  @Override
  public Map<String, Long> directFloors(String userKey) {
    return jdbc.query(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT room, after_id FROM dm_floors WHERE user_key=?")) {
        s.setString(1, userKey);
        Map<String, Long> floors = new HashMap<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            floors.put(rs.getString(1), rs.getLong(2));
          }
        }
        return floors;
      }
    });
  }

  @Override
  public Map<String, Long> readMarkers(String identity) {
    return jdbc.query(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT room, id FROM read_markers WHERE identity=?")) {
        s.setString(1, identity);
        Map<String, Long> markers = new HashMap<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            markers.put(rs.getString(1), rs.getLong(2));
          }
        }
        return markers;
      }
    });
  }

  @Override
  public boolean markRead(String identity, String room, long id) {
    return jdbc.query(c -> Jdbc.update(c,
        "INSERT INTO read_markers AS r (identity, room, id) VALUES(?,?,?)"
            + " ON CONFLICT (identity, room) DO UPDATE SET id = excluded.id WHERE excluded.id > r.id",
        identity, room, id) > 0);
  }

  @Override
  public RoomTopic topic(String room) {
    return jdbc.query(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT text, set_by, ts FROM topics WHERE room=?")) {
        s.setString(1, room);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? new RoomTopic(rs.getString(1), rs.getString(2), rs.getLong(3)) : null;
        }
      }
    });
  }

  @Override
  public void setTopic(String room, String text, String by) {
    jdbc.query(c -> text.isEmpty()
        ? Jdbc.update(c, "DELETE FROM topics WHERE room=?", room)
        : Jdbc.update(c, "INSERT INTO topics(room, text, set_by, ts) VALUES(?,?,?,?) ON CONFLICT (room)"
            + " DO UPDATE SET text = excluded.text, set_by = excluded.set_by, ts = excluded.ts",
            room, text, by, System.currentTimeMillis()));
  }

  @Override
  public List<StoredMessage> search(String room, List<String> words, long readableAfter, int limit) {
    return jdbc.query(c -> SearchIndex.search(c, room, words, readableAfter, limit));
  }

  @Override
  public void close() {
    pool.close();
  }
}
