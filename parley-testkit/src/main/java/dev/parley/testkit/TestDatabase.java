package dev.parley.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * A fresh, empty database of its own on the machine's PostgreSQL (127.0.0.1:5432, user {@code
 * postgres}, trust authentication), created by {@link #create} and dropped by {@link #close}
 * (with {@code FORCE}, so connections a test left open do not keep it). Tests and runs never
 * see each other's data.
 *
 * <p>When nothing answers on the port, it runs the project's {@code scripts/start-services.sh}
 * once and waits for PostgreSQL to come up (bounded), as {@code .ci/run} does.
 */
public final class TestDatabase implements AutoCloseable {
  public static final String HOST = "127.0.0.1";
  public static final int PORT = 5432;
  public static final String USER = "postgres";
  private static final String ADMIN_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres";
  private static final long START_WAIT_MS = 30_000;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static volatile boolean started;

  private final String name;

  private TestDatabase(String name) {
    this.name = name;
  }

  /** Creates a database named {@code parley_test_<random>}. */
  public static TestDatabase create() {
    ensureRunning();
    String name = "parley_test_" + HexFormat.of().formatHex(randomBytes());
    admin("CREATE DATABASE " + name);
    return new TestDatabase(name);
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return b;
  }

  public String name() {
    return name;
  }

  /** The database as {@code serve --postgres} takes it: {@code postgresql://USER@HOST:PORT/DATABASE}. */
  public String url() {
    return "postgresql://" + USER + "@" + HOST + ":" + PORT + "/" + name;
  }

  /** The database as PgJDBC names it (user {@link #USER}, no password). */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
  }

  /** A connection of the test's own to the database. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), USER, null);
  }

  /** Drops the database, ending whatever connections still use it. */
  @Override
  public void close() {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void admin(String sql) {
    try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, null); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Starts PostgreSQL through the project's script when nothing answers (once per JVM). */
  private static synchronized void ensureRunning() {
    if (started || answers()) {
      started = true;
      return;
    }
    Path script = findScript();
    try {
      Process p = new ProcessBuilder("bash", script.toString()).inheritIO().start();
      if (!p.waitFor(START_WAIT_MS, TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(script + " did not finish within " + START_WAIT_MS + " ms");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting PostgreSQL", e);
    }
    long deadline = System.currentTimeMillis() + START_WAIT_MS;
    while (!answers()) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("PostgreSQL does not answer on " + HOST + ":" + PORT + " after " + script);
      }
      sleep(200);
    }
    started = true;
  }

  private static boolean answers() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(HOST, PORT), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code scripts/start-services.sh} of the project: {@code -Dparley.root}, or up from here. */
  private static Path findScript() {
    String root = System.getProperty("parley.root");
    Path dir = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path script = d.resolve("scripts/start-services.sh");
      if (Files.isRegularFile(script)) {
        return script;
      }
    }
    throw new IllegalStateException("PostgreSQL is not running on " + HOST + ":" + PORT
        + " and no scripts/start-services.sh was found above " + dir);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
    }
  }
}
