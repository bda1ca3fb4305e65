package dev.parley.server.store.postgres;

import dev.parley.server.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import javax.sql.DataSource;

/**
 * Statements on a connection borrowed from the pool, with SQL failures as store failures. A
 * transaction that PostgreSQL aborted because of another one (a deadlock, a serialization
 * failure) changed nothing and runs again, up to {@value #ATTEMPTS} times in all.
 */
final class Jdbc {
  static final int ATTEMPTS = 3;

  /** Work on a connection. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final DataSource pool;

  Jdbc(DataSource pool) {
    this.pool = pool;
  }

  /** Runs {@code work} on a connection in autocommit mode: each statement commits by itself. */
  <T> T query(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Runs {@code work} as one transaction: all of it is stored, or nothing. */
  <T> T inTransaction(Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return once(work);
      } catch (SQLException e) {
        if (attempt >= ATTEMPTS || !otherTransactionWon(e)) {
          throw failure(e);
        }
      }
    }
  }

  private <T> T once(Work<T> work) throws SQLException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException lostConnection) {
          e.addSuppressed(lostConnection); // the server rolls back a connection it lost
        }
        throw e;
      }
    }
  }

  /** Deadlock detected, or a serialization failure: nothing was stored and a retry may pass. */
  private static boolean otherTransactionWon(SQLException e) {
    return "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
  }

  private static StoreException failure(SQLException e) {
    return new StoreException("PostgreSQL: " + e.getMessage(), e);
  }

  static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, args);
      return s.executeUpdate();
    }
  }

  /** Binds strings (or null), whole numbers, booleans and arrays of strings, in order. */
  static void bind(PreparedStatement s, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object arg = args[i];
      if (arg == null) {
        s.setNull(i + 1, Types.VARCHAR);
      } else if (arg instanceof Long n) {
        s.setLong(i + 1, n);
      } else if (arg instanceof Integer n) {
        s.setInt(i + 1, n);
      } else if (arg instanceof Boolean b) {
        s.setBoolean(i + 1, b);
      } else if (arg instanceof String[] texts) {
        s.setArray(i + 1, s.getConnection().createArrayOf("text", texts));
      } else {
        s.setString(i + 1, (String) arg);
      }
    }
  }
}
