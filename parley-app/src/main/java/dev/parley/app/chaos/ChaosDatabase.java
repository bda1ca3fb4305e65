package dev.parley.app.chaos;

import dev.parley.server.store.postgres.PostgresUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The cluster run's own PostgreSQL database, {@code parley_chaos_<run tag>}: created empty next to
 * the admin database the run was given (same server and user), so that no run sees another's
 * rooms and the cluster (named by its database) has a Redis channel of its own; dropped at the
 * end, with {@code FORCE} in case a killed node left a connection behind. Also the store audit's
 * way in: it reads the messages straight from the tables.
 */
final class ChaosDatabase {
  private final PostgresUrl admin;
  private final String adminUrl;
  private final String name;

  private ChaosDatabase(PostgresUrl admin, String adminUrl, String name) {
    this.admin = admin;
    this.adminUrl = adminUrl;
    this.name = name;
  }

  /** Creates {@code parley_chaos_TAG} on the server of {@code adminUrl}. */
  static ChaosDatabase create(String adminUrl, String runTag) {
    PostgresUrl admin = PostgresUrl.parse(adminUrl);
    ChaosDatabase db = new ChaosDatabase(admin, adminUrl, "parley_chaos_" + runTag.toLowerCase(java.util.Locale.ROOT));
    db.adminExecute("CREATE DATABASE " + db.name);
    return db;
  }

  String name() {
    return name;
  }

  /** The database as {@code serve --postgres} takes it (with the admin URL's password, if any). */
  String url() {
    return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
  }

  /** The database's URL without a password, for the report. */
  String safeUrl() {
    return new PostgresUrl(admin.user(), null, admin.host(), admin.port(), name).toString();
  }

  /** The cluster's id, as the nodes read it: the one row of {@code cluster}. */
  String clusterId() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM cluster")) {
      if (!rs.next()) {
        throw new IllegalStateException("the cluster's database " + name + " has no cluster id");
      }
      return rs.getString(1);
    }
  }

  /** Every stored message of {@code room}: id → text. */
  Map<Long, String> messages(String room) throws SQLException {
    Map<Long, String> texts = new HashMap<>();
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement("SELECT id, text FROM messages WHERE room = ?")) {
      s.setString(1, room);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          texts.put(rs.getLong(1), rs.getString(2));
        }
      }
    }
    return texts;
  }

  /** Drops the database, ending whatever connections still use it. */
  void drop() {
    adminExecute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(name), admin.user(), admin.password());
  }

  private String jdbcUrl(String database) {
    return new PostgresUrl(admin.user(), admin.password(), admin.host(), admin.port(), database).jdbcUrl();
  }

  private void adminExecute(String sql) {
    try (Connection c = DriverManager.getConnection(jdbcUrl(admin.database()), admin.user(), admin.password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot " + sql + " at " + admin + ": " + e.getMessage(), e);
    }
  }
}
