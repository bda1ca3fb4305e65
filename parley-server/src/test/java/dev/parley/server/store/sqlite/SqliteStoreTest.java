package dev.parley.server.store.sqlite;

import dev.parley.server.store.MessageStoreContract;
import dev.parley.server.store.MessageStore;
import java.nio.file.Path;

class SqliteStoreTest extends MessageStoreContract {
  @Override
  protected MessageStore open(Path dir) {
    return SqliteStore.open(dir);
  }
}
