package dev.parley.server.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.server.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The pool of connections to PostgreSQL. It is sized for the server's threads that touch the
 * store (the writer, two readers, the auth and registration pools, the accounts thread), and its
 * timeouts are short: while PostgreSQL is down or cut off, a send must fail with {@code
 * internal} within seconds, not hang; once it is back, new connections replace the dead ones
 * by themselves.
 */
final class ConnectionPool {
  static final int MAX_CONNECTIONS = 10;
  /** How long a thread waits for a connection from the pool (PostgreSQL down: the pool is empty). */
  static final long BORROW_TIMEOUT_MS = 3_000;
  /** Seconds to open a TCP connection to PostgreSQL. */
  static final int CONNECT_TIMEOUT_S = 3;
  /** Seconds a statement may wait for PostgreSQL's answer before its connection is given up. */
  static final int SOCKET_TIMEOUT_S = 30;
  static final int IDLE_IN_TRANSACTION_MS = 5_000;

  private ConnectionPool() {}

  /**
   * Connects once, so that an unreachable database is one clear failure at start, then opens
   * the pool.
   *
   * @throws StoreException naming PostgreSQL and the URL (without its password)
   */
  static HikariDataSource open(PostgresUrl url) {
    Properties driver = driverProperties(url);
    probe(url, driver);
    HikariConfig config = new HikariConfig();
    config.setPoolName("parley-postgres");
    config.setJdbcUrl(url.jdbcUrl());
    config.setDataSourceProperties(driver);
    config.setMaximumPoolSize(MAX_CONNECTIONS);
    config.setMinimumIdle(2);
    config.setConnectionTimeout(BORROW_TIMEOUT_MS);
    config.setValidationTimeout(Math.min(BORROW_TIMEOUT_MS - 500, 2_000));
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw unreachable(url, e);
    }
  }

  private static Properties driverProperties(PostgresUrl url) {
    Properties p = new Properties();
    p.setProperty("user", url.user());
    if (url.password() != null) {
      p.setProperty("password", url.password());
    }
    p.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_S));
    p.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_S));
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("ApplicationName", "parley");
    // A node frozen inside a transaction (SIGSTOP, a long pause) would hold its batch's room
    // counters, and every other node's batches behind them, until it woke: PostgreSQL ends
    // such a transaction after a few seconds instead (nothing of it was acknowledged).
    p.setProperty("options", "-c idle_in_transaction_session_timeout=" + IDLE_IN_TRANSACTION_MS);
    return p;
  }

  private static void probe(PostgresUrl url, Properties driver) {
    PGSimpleDataSource once = new PGSimpleDataSource();
    once.setURL(url.jdbcUrl());
    once.setUser(url.user());
    once.setPassword(url.password());
    once.setConnectTimeout(CONNECT_TIMEOUT_S);
    once.setSocketTimeout(CONNECT_TIMEOUT_S * 2);
    try (Connection c = once.getConnection()) {
      c.isValid(CONNECT_TIMEOUT_S);
    } catch (SQLException e) {
      throw unreachable(url, e);
    }
  }

  private static StoreException unreachable(PostgresUrl url, Exception e) {
    String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
    return new StoreException("cannot use PostgreSQL at " + url + ": " + reason, e);
  }
}
