package dev.parley.server.store.sqlite;

import dev.parley.server.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sqlite.SQLiteConfig;

/**
 * One SQLite connection per calling thread, opened on first use. The store is only called from
 * a few bounded, long-lived pools, so this stays a handful of connections; all are closed
 * together.
 */
final class ThreadConnections implements AutoCloseable {
  /** How long a statement waits for another connection's lock before it fails. */
  static final int BUSY_TIMEOUT_MS = 5_000;

  private final String url;
  private final SQLiteConfig config;
  private final ThreadLocal<Connection> perThread = new ThreadLocal<>();
  private final List<Connection> all = new CopyOnWriteArrayList<>();

  ThreadConnections(String url) {
    this.url = url;
    this.config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    // A deferred transaction that reads first and then writes fails at once with SQLITE_BUSY
    // if another connection wrote in between; IMMEDIATE takes the write lock up front and so
    // waits its turn instead.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
  }

  Connection get() {
    Connection c = perThread.get();
    if (c == null) {
      try {
        c = config.createConnection(url);
      } catch (SQLException e) {
        throw new StoreException("cannot open " + url, e);
      }
      perThread.set(c);
      all.add(c);
    }
    return c;
  }

  @Override
  public void close() {
    for (Connection c : all) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing at shutdown: nothing left to do with a failure
      }
    }
    all.clear();
  }
}
