package dev.parley.server;

import dev.parley.server.cluster.Broker;
import dev.parley.server.cluster.NodeName;
import dev.parley.server.cluster.RedisBroker;
import dev.parley.server.cluster.SingleNode;
import dev.parley.server.metrics.PrometheusMetrics;
import dev.parley.server.room.RoomHub;
import dev.parley.server.store.ChatStore;
import dev.parley.server.store.StoreException;
import dev.parley.server.store.postgres.PostgresStore;
import dev.parley.server.store.postgres.PostgresUrl;
import dev.parley.server.store.sqlite.SqliteStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a server keeps its state in and talks to other nodes through, opened from its
 * configuration: the store (SQLite or PostgreSQL) and the broker (none or Redis). Either one
 * that cannot be opened is a {@link ConfigException} naming its flag.
 */
final class Backends {
  private static final Logger log = LoggerFactory.getLogger(ParleyServer.class);

  private Backends() {}

  static void clusterMetrics(PrometheusMetrics metrics, Broker broker, RoomHub hub) {
    metrics.counter("parley.broker.published", "events this node published to the others", broker::published);
    metrics.counter("parley.broker.publish.failures", "events this node could not publish (the link was down)", broker::publishFailures);
    metrics.counter("parley.broker.received", "events this node received from the others", broker::received);
    metrics.counter("parley.gaps.filled", "messages read from the store because the broker lost or delayed them", hub::gapsFilled);
    metrics.secondsGauge("parley.cluster.lag", "how old the newest message from another node was when it arrived", hub::clusterLagMillis);
  }

  /**
   * Redis between the nodes with {@code --redis}, else a node on its own. The node's name is new
   * at every start (a node restarted is a new start to the others).
   */
  static Broker openBroker(ServerConfig config, ChatStore store) {
    String node = NodeName.fresh();
    if (config.redis() == null) {
      return new SingleNode(node);
    }
    try {
      RedisBroker broker = RedisBroker.connect(config.redis(), store.clusterId(), node);
      log.info("node {} of cluster {}, linked through Redis at {}", node, store.clusterId(), config.redis());
      return broker;
    } catch (RuntimeException e) {
      throw new ConfigException("--redis: cannot reach Redis at " + config.redis() + ": " + e.getMessage(), e);
    }
  }

  /** The PostgreSQL store with {@code --postgres}, else the embedded one in the data directory. */
  static ChatStore openStore(ServerConfig config) {
    if (config.postgres() != null) {
      PostgresUrl url = PostgresUrl.parse(config.postgres());
      try {
        PostgresStore store = PostgresStore.open(url);
        log.info("storing in PostgreSQL at {}", url);
        return store;
      } catch (StoreException e) {
        throw new ConfigException("--postgres: " + e.getMessage(), e); // names PostgreSQL and the URL
      }
    }
    DataDirectory.prepare(config.dataDir());
    try {
      return SqliteStore.open(config.dataDir());
    } catch (StoreException e) {
      throw new ConfigException("--data-dir: " + e.getMessage(), e); // the message names the file
    }
  }
}
