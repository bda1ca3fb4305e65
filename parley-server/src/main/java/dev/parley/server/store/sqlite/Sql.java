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
      return query.run(connections.get());
    } catch (SQLException e) {
      connections.forgetIfReadOnly(e);
      throw new StoreException(e.getMessage(), e);
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
          tx.execute("ROLLBACK");
          throw e;
        }
      }
    });
  }

  static int update(Connection c, String sql, String... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setString(i + 1, args[i]);
      }
      return s.executeUpdate();
    }
  }
}
