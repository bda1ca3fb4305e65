package dev.parley.server;

import dev.parley.server.store.postgres.PostgresDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link BotAccountsIT} on the PostgreSQL store (schema migration V3). */
class PostgresBotAccountsIT extends BotAccountsIT {
  @RegisterExtension final PostgresDatabase database = new PostgresDatabase();

  @Override
  protected ServerConfig baseConfig(ServerConfig defaults) {
    return defaults.withPostgres(database.get().url());
  }
}
