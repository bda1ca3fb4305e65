package dev.parley.server.store.sqlite;

import dev.parley.server.store.AccountStoreContract;
import java.nio.file.Path;

class SqliteAccountStoreTest extends AccountStoreContract {
  @Override
  protected Stores open(Path dir) {
    SqliteStore store = SqliteStore.open(dir);
    return new Stores(store.accountStore(), store);
  }
}
