package dev.parley.server.store.sqlite;

import dev.parley.protocol.Names;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema version 3: room names became one name without regard to case, so every room of an
 * older database is renamed to its lower-case spelling. Rooms whose names differed only in case
 * are not merged, as their ids would clash; the oldest lower-case one keeps the name and each
 * other gets the first free {@code name-2}, {@code name-3}, …, which the log reports.
 */
final class RoomNameFolding {
  private static final Logger log = LoggerFactory.getLogger(RoomNameFolding.class);
  private static final String[] TABLES_BY_ROOM = {"messages", "room_owners", "room_bans"};

  private RoomNameFolding() {}

  static void apply(Connection c) throws SQLException {
    List<String> rooms = new ArrayList<>();
    try (PreparedStatement s =
            c.prepareStatement("SELECT name FROM rooms ORDER BY name <> lower(name), created, rowid");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        rooms.add(rs.getString(1));
      }
    }
    Set<String> taken = new HashSet<>(rooms);
    Map<String, String> renames = new LinkedHashMap<>();
    for (String room : rooms) {
      String folded = Names.room(room);
      if (folded.equals(room)) {
        continue;
      }
      taken.remove(room);
      String target = firstFree(folded, taken);
      taken.add(target);
      renames.put(room, target);
    }
    for (Map.Entry<String, String> rename : renames.entrySet()) {
      rename(c, rename.getKey(), rename.getValue());
      if (!rename.getValue().equals(Names.room(rename.getKey()))) {
        log.warn(
            "room {} became {}: room names no longer differ by case and {} was taken",
            rename.getKey(),
            rename.getValue(),
            Names.room(rename.getKey()));
      }
    }
  }

  private static String firstFree(String folded, Set<String> taken) {
    if (!taken.contains(folded)) {
      return folded;
    }
    for (int n = 2; ; n++) {
      String suffix = "-" + n;
      String base = folded.substring(0, Math.min(folded.length(), Names.MAX_ROOM - suffix.length()));
      if (!taken.contains(base + suffix)) {
        return base + suffix;
      }
    }
  }

  private static void rename(Connection c, String from, String to) throws SQLException {
    update(c, "UPDATE rooms SET name=? WHERE name=?", from, to);
    for (String table : TABLES_BY_ROOM) {
      update(c, "UPDATE " + table + " SET room=? WHERE room=?", from, to);
    }
  }

  private static void update(Connection c, String sql, String from, String to)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, to);
      s.setString(2, from);
      s.executeUpdate();
    }
  }
}
