package dev.parley.server.store.sqlite;

import dev.parley.server.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Checks an existing database file before the server uses it, so a damaged store stops the
 * start with one clear sentence instead of failing later, message by message. Nothing here
 * writes: a file that fails a check is left exactly as it was, for the operator to restore.
 */
final class StoreFile {
  private static final String LEFT_ALONE =
      "; it was left as it is: restore it from a backup, or move it away to start a new store";

  private StoreFile() {}

  /**
   * Refuses an existing file of zero bytes. SQLite would take it for a new database; but SQLite
   * writes its header the moment it creates a file, so an empty one was cut short by something
   * else, and starting afresh on it would hide that the history is gone.
   */
  static void refuseEmpty(Path file) {
    try {
      if (Files.isRegularFile(file) && Files.size(file) == 0) {
        throw refused(file + " is empty (0 bytes), not a Parley store", null);
      }
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs SQLite's {@code quick_check}, which reads every page once (about 3 s per GB when the
   * file is in the page cache), so a damaged page deep in the file is found now rather than
   * when a client's history request happens to touch it.
   *
   * @return the first problems found, or {@code null} when the file is sound
   */
  static String damage(Connection c) throws SQLException {
    List<String> problems = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check(3)")) {
      while (rs.next()) {
        String row = rs.getString(1);
        if (!row.equals("ok") && !row.startsWith("*** in database")) {
          problems.add(row);
        }
      }
    }
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  static StoreException damaged(Path file, String damage) {
    return refused(file + " is damaged (SQLite quick_check: " + damage + ")", null);
  }

  /** The failure to open {@code file} as one sentence naming the file and the problem. */
  static StoreException explain(Path file, Exception failure) {
    SQLiteException sqlite = sqliteCause(failure);
    if (sqlite != null) {
      SQLiteErrorCode code = sqlite.getResultCode();
      if (code == SQLiteErrorCode.SQLITE_NOTADB) {
        return refused(file + " is not a SQLite database", failure);
      }
      if (code.name().startsWith("SQLITE_CORRUPT")) {
        return refused(file + " is damaged (database disk image is malformed)", failure);
      }
    }
    Throwable cause = sqlite != null ? sqlite : failure;
    return new StoreException(file + " cannot be used: " + cause.getMessage(), failure);
  }

  private static StoreException refused(String problem, Exception cause) {
    return new StoreException(problem + LEFT_ALONE, cause);
  }

  private static SQLiteException sqliteCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLiteException e) {
        return e;
      }
    }
    return null;
  }
}
