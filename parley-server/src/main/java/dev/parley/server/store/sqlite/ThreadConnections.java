package dev.parley.server.store.sqlite;

import dev.parley.server.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;

/**
 * One SQLite connection per calling thread, opened on first use. The store is only called from
 * a few bounded, long-lived pools, so this stays a handful of connections; all are closed
 * together.
 */
final class ThreadConnections implements AutoCloseable {
  /** How long a statement waits for another connection's lock before it fails. */
  static final int BUSY_TIMEOUT_MS = 5_000;

  /**
   * Pages the write-ahead log may grow to before a commit copies it back into the database
   * (SQLite's default is 1,000). A batch that touches many rooms dirties a page per room, so
   * with the default nearly every commit also checkpointed; at 16,000 pages (64 MB) the pages
   * that every batch rewrites are copied once per many commits.
   */
  static final int WAL_AUTOCHECKPOINT_PAGES = 16_000;

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
    // The driver would otherwise run "SELECT last_insert_rowid()" after every insert; the
    // store never asks for generated keys (ids are assigned by the group committer).
    config.setGetGeneratedKeys(false);
    // 32 MB of page cache per connection instead of SQLite's 2 MB: the writer touches the
    // newest page of every busy room in each batch, and rereading those is most of a commit.
    config.setCacheSize(-32_768);
  }

  Connection get() {
    Connection c = perThread.get();
    if (c == null) {
      try {
        c = config.createConnection(url);
      } catch (SQLException e) {
        throw new StoreException("cannot open " + url, e);
      }
      try (var s = c.createStatement()) {
        s.execute("PRAGMA wal_autocheckpoint=" + WAL_AUTOCHECKPOINT_PAGES);
        // A deleted message's text must leave no trace in the files: SQLite zeroes what it
        // frees (cells, pages) instead of leaving it there until overwritten.
        s.execute("PRAGMA secure_delete=ON");
      } catch (SQLException e) {
        closeQuietly(c);
        throw new StoreException("cannot open " + url, e);
      }
      perThread.set(c);
      all.add(c);
    }
    return c;
  }

  /**
   * Closes this thread's connection after {@code failure} if SQLite says the connection is
   * read-only, and says whether it did. SQLite opens a connection read-only for good when its
   * files cannot be written at that moment (a read-only mount, an immutable file); closing it
   * lets the next use open a fresh one, so the store writes again by itself once it can.
   */
  boolean forgetIfReadOnly(SQLException failure) {
    if (!(failure instanceof SQLiteException e && e.getResultCode().name().startsWith("SQLITE_READONLY"))) {
      return false;
    }
    Connection c = perThread.get();
    if (c != null) {
      perThread.remove();
      all.remove(c);
      closeQuietly(c); // it is being replaced because it cannot write
    }
    return true;
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // nothing more to do with a connection that is being given up
    }
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
