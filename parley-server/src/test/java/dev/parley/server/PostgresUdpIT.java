package dev.parley.server;

import dev.parley.server.store.postgres.PostgresDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The UDP suite on a server that keeps everything in PostgreSQL ({@code --postgres}). */
class PostgresUdpIT extends UdpIT {
  @RegisterExtension final PostgresDatabase database = new PostgresDatabase();

  @Override
  protected ServerConfig baseConfig(ServerConfig defaults) {
    return super.baseConfig(defaults).withPostgres(database.get().url());
  }
}
