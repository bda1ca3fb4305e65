package dev.parley.server.cluster;

import io.lettuce.core.RedisClient;

/** Does to the machine's Redis what an operator (or a failure) would, for tests. */
final class RedisAdmin {
  private RedisAdmin() {}

  /** Disconnects every subscriber (all of them: tests' nodes reconnect by themselves). */
  static void killPubSubClients() {
    RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
    try (var c = client.connect()) {
      c.sync().clientKill(io.lettuce.core.KillArgs.Builder.typePubsub());
    } finally {
      client.shutdown();
    }
  }
}
