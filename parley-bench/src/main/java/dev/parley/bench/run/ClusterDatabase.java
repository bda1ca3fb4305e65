package dev.parley.bench.run;

import dev.parley.bench.gen.BenchException;
import dev.parley.server.store.postgres.PostgresUrl;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A database of the bench's own for the cluster's nodes, {@code parley_bench_<random>}, created
 * on the PostgreSQL server that {@code --cluster-postgres} names and dropped (with {@code FORCE})
 * by {@link #close}, also when the bench is stopped: runs never see each other's data, and a new
 * database is also a new Redis channel (the nodes name their cluster after it).
 */
public final class ClusterDatabase implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final PostgresUrl admin;
  private final String name;
  private final Thread dropAtExit;

  private ClusterDatabase(PostgresUrl admin, String name) {
    this.admin = admin;
    this.name = name;
    this.dropAtExit = new Thread(() -> {
      try {
        drop();
      } catch (BenchException e) {
        System.err.println("parley: bench: " + e.getMessage());
      }
    });
  }

  /**
   * Creates the database next to the one {@code adminUrl} names (which the bench only connects
   * to), on a loopback server.
   */
  public static ClusterDatabase create(String adminUrl) {
    PostgresUrl admin;
    try {
      admin = PostgresUrl.parse(adminUrl);
    } catch (IllegalArgumentException e) {
      throw new BenchException("--cluster-postgres: " + e.getMessage());
    }
    Lab.loopback("--cluster-postgres", admin.host() + ":" + admin.port());
    byte[] random = new byte[6];
    RANDOM.nextBytes(random);
    ClusterDatabase db = new ClusterDatabase(admin, "parley_bench_" + HexFormat.of().formatHex(random));
    db.execute("CREATE DATABASE " + db.name);
    Runtime.getRuntime().addShutdownHook(db.dropAtExit);
    return db;
  }

  public String name() {
    return name;
  }

  /** The database as {@code serve --postgres} takes it (with the admin URL's password, if any). */
  public String serveUrl() {
    String password = admin.password() == null ? "" : ":" + admin.password();
    return "postgresql://" + admin.user() + password + "@" + admin.host() + ":" + admin.port() + "/" + name;
  }

  /** The same without a password, for reports and logs. */
  public String describe() {
    return new PostgresUrl(admin.user(), null, admin.host(), admin.port(), name).toString();
  }

  /** Whether the database is there (for tests). */
  public boolean exists() {
    try (Connection c = adminConnection();
        var q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      q.setString(1, name);
      return q.executeQuery().next();
    } catch (SQLException e) {
      throw new BenchException("PostgreSQL at " + admin + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    drop();
    try {
      Runtime.getRuntime().removeShutdownHook(dropAtExit);
    } catch (IllegalStateException alreadyExiting) {
      // the hook drops it (again: IF EXISTS)
    }
  }

  private void drop() {
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private void execute(String sql) {
    try (Connection c = adminConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new BenchException("PostgreSQL at " + admin + ": " + sql + ": " + e.getMessage());
    }
  }

  private Connection adminConnection() throws SQLException {
    return DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
  }
}
