package dev.parley.server.store.sqlite;

import dev.parley.protocol.Names;
import dev.parley.server.store.AccountStore;
import dev.parley.server.store.ChatStore;
import dev.parley.server.store.Appended;
import dev.parley.server.store.HistorySlice;
import dev.parley.server.store.NewMessage;
import dev.parley.server.store.RoomInfo;
import dev.parley.server.store.RoomPolicy;
import dev.parley.server.store.RoomTopic;
import dev.parley.server.store.StoreException;
import dev.parley.server.store.StoredMessage;
import dev.parley.server.store.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;

/**
 * The embedded store: rooms and history in one SQLite file, with the accounts and tokens of
 * {@link #accountStore()} beside them.
 */
public final class SqliteStore implements ChatStore {
  public static final String FILE_NAME = "parley.db";

  private final ThreadConnections connections;
  private final Sql sql;
  private final SqliteAccountStore accountStore;
  private final Appender appender = new Appender();

  private SqliteStore(ThreadConnections connections) {
    this.connections = connections;
    this.sql = new Sql(connections);
    this.accountStore = new SqliteAccountStore(sql);
  }

  @Override
  public AccountStore accountStore() {
    return accountStore;
  }

  /**
   * Opens (creating if needed) the database in {@code dataDir}. An existing file is checked
   * first (see {@link StoreFile}) and never replaced: a damaged one stops the start.
   *
   * @throws StoreException naming the file, when it cannot be opened, is damaged or is not a
   *     Parley database
   */
  public static SqliteStore open(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
    StoreFile.refuseEmpty(file);
    ThreadConnections connections = new ThreadConnections("jdbc:sqlite:" + file);
    String damage;
    try {
      Connection c = connections.get();
      // Opening made the file (and its journal) with the process's umask; only this user
      // may read them. (Later journal files take the database file's permissions.)
      PrivateFiles.narrowFiles(file, Path.of(file + "-wal"), Path.of(file + "-shm"));
      damage = StoreFile.damage(c);
      if (damage == null) {
        Schema.ensure(c);
        return new SqliteStore(connections);
      }
    } catch (SQLException | IOException | RuntimeException e) {
      connections.close();
      throw StoreFile.explain(file, e);
    }
    connections.close();
    throw StoreFile.damaged(file, damage);
  }

  @Override
  public List<Appended> appendAll(List<NewMessage> batch) {
    try {
      return sql.run(c -> appender.append(c, batch, System.currentTimeMillis()));
    } catch (SQLException e) {
      throw new StoreException("append failed: " + e.getMessage(), e);
    }
  }

  @Override
  public long lastId(String room) {
    return sql.query(c -> {
      Long last = lastId(c, room);
      return last == null ? 0L : last;
    });
  }

  private static Long lastId(Connection c, String room) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT last_id FROM rooms WHERE name=?")) {
      s.setString(1, room);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  static void insertRoomIfAbsent(Connection c, String room) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT OR IGNORE INTO rooms(name, last_id, dm_a, dm_b, created) VALUES(?,0,?,?,?)")) {
      String[] pair = Names.isDirect(room) ? room.substring(3).split(":", 2) : null;
      s.setString(1, room);
      s.setString(2, pair == null ? null : pair[0]);
      s.setString(3, pair == null ? null : pair[1]);
      s.setLong(4, System.currentTimeMillis());
      s.executeUpdate();
    }
  }

  @Override
  public List<StoredMessage> range(String room, long after, long upTo, int limit) {
    return newestFirst(
        "SELECT id, sender, text, ts, bot, edit_of, delete_of, deleted FROM messages WHERE room=? AND id>? AND id<=?"
            + " ORDER BY id DESC LIMIT ?",
        room,
        after,
        upTo,
        limit);
  }

  @Override
  public HistorySlice before(String room, long after, long before, int limit) {
    List<StoredMessage> found =
        newestFirst(
            "SELECT id, sender, text, ts, bot, edit_of, delete_of, deleted FROM messages WHERE room=? AND id>? AND id<?"
                + " ORDER BY id DESC LIMIT ?",
            room,
            after,
            before,
            limit + 1);
    boolean more = found.size() > limit;
    return new HistorySlice(more ? found.subList(1, found.size()) : found, more);
  }

  /** Runs a newest-first query and returns its rows oldest first. */
  private List<StoredMessage> newestFirst(String select, String room, long low, long high, int limit) {
    return sql.query(
        c -> {
          try (PreparedStatement s = c.prepareStatement(select)) {
            s.setString(1, room);
            s.setLong(2, low);
            s.setLong(3, high);
            s.setInt(4, limit);
            List<StoredMessage> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new StoredMessage(
                        room, rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getBoolean(5), rs.getLong(6), rs.getLong(7), rs.getBoolean(8)));
              }
            }
            Collections.reverse(out);
            return out;
          }
        });
  }

  @Override
  public RoomPolicy policy(String room) {
    return sql.query(c -> new RoomPolicy(keys(c, "SELECT user_key FROM room_owners WHERE room=?", room),
        keys(c, "SELECT user_key FROM room_bans WHERE room=?", room)));
  }

  private static Set<String> keys(Connection c, String sql, String room) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
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
    return sql.inTransaction(c -> {
      Set<String> owners = keys(c, "SELECT user_key FROM room_owners WHERE room=?", room);
      if (!owners.isEmpty()) {
        return owners;
      }
      Sql.update(c, "INSERT INTO room_owners(room, user_key) VALUES(?,?)", room, userKey);
      return Set.of(userKey);
    });
  }

  @Override
  public void addOwner(String room, String userKey) {
    sql.query(c -> Sql.update(c, "INSERT OR IGNORE INTO room_owners(room, user_key) VALUES(?,?)", room, userKey));
  }

  @Override
  public void setBanned(String room, String userKey, boolean banned) {
    sql.query(c -> banned
        ? Sql.update(c, "INSERT OR IGNORE INTO room_bans(room, user_key) VALUES(?,?)", room, userKey)
        : Sql.update(c, "DELETE FROM room_bans WHERE room=? AND user_key=?", room, userKey));
  }

  /** The embedded store is one node's own, never a cluster's. */
  @Override
  public String clusterId() {
    return "embedded";
  }

  @Override
  public void checkWritable() {
    sql.query(c -> Sql.update(c,
        "INSERT INTO counters(name, value) VALUES('health_checks', 1) ON CONFLICT(name) DO UPDATE SET value = value + 1"));
  }

  @Override
  public List<RoomInfo> publicRooms(int max) {
    return rooms(
        "SELECT name, last_id FROM rooms WHERE dm_a IS NULL ORDER BY name LIMIT ?", s -> s.setInt(1, max));
  }

  @Override
  public List<RoomInfo> directRooms(String userKey) {
    return rooms(
        "SELECT r.name, r.last_id FROM rooms r LEFT JOIN dm_floors f ON f.user_key=? AND f.room=r.name"
            + " WHERE (r.dm_a=? OR r.dm_b=?) AND r.last_id > coalesce(f.after_id, 0) ORDER BY r.name",
        s -> Sql.bind(s, userKey, userKey, userKey));
  }

  @Override
  public Map<String, Long> directFloors(String userKey) {
    return sql.query(c -> {
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
    return sql.query(c -> {
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
    return sql.query(c -> Sql.update(c,
        "INSERT INTO read_markers(identity, room, id) VALUES(?,?,?)"
            + " ON CONFLICT(identity, room) DO UPDATE SET id=excluded.id WHERE excluded.id > read_markers.id",
        identity, room, id) > 0);
  }

  @Override
  public RoomTopic topic(String room) {
    return sql.query(c -> {
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
    sql.query(c -> text.isEmpty()
        ? Sql.update(c, "DELETE FROM topics WHERE room=?", room)
        : Sql.update(c,
            "INSERT INTO topics(room, text, set_by, ts) VALUES(?,?,?,?)"
                + " ON CONFLICT(room) DO UPDATE SET text=excluded.text, set_by=excluded.set_by, ts=excluded.ts",
            room, text, by, System.currentTimeMillis()));
  }

  @Override
  public List<StoredMessage> search(String room, List<String> words, long readableAfter, int limit) {
    return sql.query(c -> SearchIndex.search(c, room, words, readableAfter, limit));
  }

  private interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  private List<RoomInfo> rooms(String select, Binder binder) {
    return sql.query(
        c -> {
          try (PreparedStatement s = c.prepareStatement(select)) {
            binder.bind(s);
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
  public void close() {
    connections.close();
  }
}
