package dev.parley.server.store.postgres;

import dev.parley.server.store.AccountStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresAccountStoreTest extends AccountStoreContract {
  @RegisterExtension final PostgresDatabase database = new PostgresDatabase();

  @Override
  protected Stores open(Path dir) {
    PostgresStore store = database.openStore();
    return new Stores(store.accountStore(), store);
  }
}
