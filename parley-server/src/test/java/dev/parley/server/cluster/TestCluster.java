package dev.parley.server.cluster;

import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import dev.parley.testkit.TestDatabase;
import dev.parley.testkit.WireClient;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Nodes of one cluster in this JVM: each a real server with its own ports and data directory,
 * all on one test database (made here, dropped on close) and the machine's Redis, reached
 * directly or through a test's own proxy. The database names the cluster, so tests never hear
 * each other on Redis.
 */
final class TestCluster implements AutoCloseable {
  static final InetSocketAddress REDIS = new InetSocketAddress("127.0.0.1", 6379);

  private final TestDatabase database;
  private final boolean ownsDatabase;
  private final List<ParleyServer> nodes = new ArrayList<>();
  private final List<WireClient> clients = new ArrayList<>();

  private TestCluster(TestDatabase database, boolean ownsDatabase) {
    this.database = database;
    this.ownsDatabase = ownsDatabase;
  }

  static TestCluster create() {
    return new TestCluster(TestDatabase.create(), true);
  }

  TestDatabase database() {
    return database;
  }

  ServerConfig config(InetSocketAddress redis) throws Exception {
    Path dir = Files.createTempDirectory("parley-node");
    return ServerConfig.forTests(dir)
        .withPostgres(database.url())
        .withRedis("redis://" + redis.getHostString() + ":" + redis.getPort())
        .withRatePerSecond(100_000);
  }

  /** Starts one more node, linked to Redis at {@code redis}. */
  ParleyServer start(InetSocketAddress redis, UnaryOperator<ServerConfig> change) throws Exception {
    ParleyServer node = ParleyServer.start(change.apply(config(redis)));
    nodes.add(node);
    return node;
  }

  ParleyServer start() throws Exception {
    return start(REDIS, c -> c);
  }

  WireClient guest(ParleyServer node, String name) {
    WireClient c = WireClient.guest(node.tcpAddress(), name);
    clients.add(c);
    return c;
  }

  WireClient register(ParleyServer node, String name) {
    WireClient c = WireClient.register(node.tcpAddress(), name, "correct horse");
    clients.add(c);
    return c;
  }

  @Override
  public void close() {
    clients.forEach(WireClient::close);
    nodes.forEach(ParleyServer::close);
    if (ownsDatabase) {
      database.close();
    }
  }
}
