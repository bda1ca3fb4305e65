package dev.parley.server.store.sqlite;

import dev.parley.server.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Running statements on the calling thread's connection, with SQL failures as store failures. */
final class Sql {
  /** Work on a connection. */
  interface Query<T> {
    T run(Connection c) throws SQLException;
  }

  private final ThreadConnections connections;

  Sql(ThreadConnections connections) {
    this.connections = connections;
  }

  <T> T query(Query<T> query) {
    try {
      return run(query);
    } catch (SQLException e) {
      throw new StoreException(e.getMessage(), e);
    }
  }

  /**
   * Runs {@code work} on this thread's connection. If SQLite had opened that connection
   * read-only (the files were unwritable then, and may be writable now), it is replaced and the
   * work runs once more: a read-only connection has written nothing, so running again is safe.
   */
  <T> T run(Query<T> work) throws SQLException {
    try {
      return work.run(connections.get());
    } catch (SQLException e) {
      if (!connections.forgetIfReadOnly(e)) {
        throw e;
      }
    }
    try {
      return work.run(connections.get());
    } catch (SQLException again) {
      connections.forgetIfReadOnly(again);
      throw again;
    }
  }

  /** Runs several statements as one transaction. */
  <T> T inTransaction(Query<T> work) {
    return query(c -> {
      try (var tx = c.createStatement()) {
        tx.execute("BEGIN IMMEDIATE");
        try {
          T result = work.run(c);
          tx.execute("COMMIT");
          return result;
        } catch (SQLException | RuntimeException e) {
          try {
            tx.execute("ROLLBACK");
          } catch (SQLException alreadyRolledBack) {
            // SQLite rolls back by itself on a full disk or an I/O error; keep the real failure
            e.addSuppressed(alreadyRolledBack);
          }
          throw e;
        }
      }
    });
  }

  static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, args);
      return s.executeUpdate();
    }
  }

  /** Binds strings, whole numbers and booleans (as 0 or 1), in order. */
  static void bind(PreparedStatement s, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof Long n) {
        s.setLong(i + 1, n);
      } else if (args[i] instanceof Boolean b) {
        s.setInt(i + 1, b ? 1 : 0);
      } else {
        s.setString(i + 1, (String) args[i]);
      }
    }
  }
}
