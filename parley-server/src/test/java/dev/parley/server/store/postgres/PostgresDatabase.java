package dev.parley.server.store.postgres;

import dev.parley.testkit.TestDatabase;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test's own database, made on first use and dropped after the test, once every
 * {@code @AfterEach} (the contracts close their stores there, the server fixture stops its
 * server) has run. Register it with {@code @RegisterExtension}.
 */
public final class PostgresDatabase implements AfterEachCallback {
  private TestDatabase database;

  /** The test's database, created on the first call. */
  public TestDatabase get() {
    if (database == null) {
      database = TestDatabase.create();
    }
    return database;
  }

  /** A store on the test's database: one more node. */
  public PostgresStore openStore() {
    return PostgresStore.open(PostgresUrl.parse(get().url()));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (database != null) {
      database.close();
      database = null;
    }
  }
}
