package dev.parley.server.store.postgres;

import dev.parley.server.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Creates or upgrades the schema with Flyway, from the scripts in {@code db/postgres}. Nodes
 * that start together against a new database take turns: each migrates while holding a
 * session-level advisory lock of its own, so one creates the schema and the others then find it
 * up to date. (Flyway locks while it applies scripts and retries creating its history table
 * when another node beat it to it; ours makes the whole run one node at a time, whatever
 * Flyway's version does.)
 */
final class Migrations {
  static final String LOCATION = "classpath:db/postgres";
  /** The advisory lock's key: any number that no other user of the database locks. */
  private static final long LOCK_KEY = 0x7061726c6579L; // "parley"

  private Migrations() {}

  static void apply(DataSource pool, PostgresUrl url) {
    Flyway flyway = Flyway.configure()
        .dataSource(pool)
        .locations(LOCATION)
        .load();
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
      try {
        flyway.migrate();
        SearchBackfill.run(pool);
      } finally {
        s.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
      }
    } catch (SQLException | FlywayException e) {
      throw new StoreException("cannot bring the schema of PostgreSQL at " + url + " up to date: "
          + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }
}
