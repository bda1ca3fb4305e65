package dev.parley.app.chaos;

import dev.parley.server.cluster.RedisBroker;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops one cluster's Redis subscribers, as {@code CLIENT KILL TYPE pubsub} would, but only
 * those: the machine's Redis is shared, so the run picks its own nodes' subscribed connections
 * out of {@code CLIENT LIST} by the name every node gives its connections ({@link
 * RedisBroker#clientName}) and kills them by id. The nodes' Lettuce clients reconnect and
 * subscribe again by themselves; whatever was published meanwhile they fill from the store.
 */
final class RedisSubscribers implements AutoCloseable {
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;

  private RedisSubscribers(RedisClient client, StatefulRedisConnection<String, String> connection) {
    this.client = client;
    this.connection = connection;
  }

  static RedisSubscribers connect(String url) {
    RedisURI uri = RedisURI.create(url);
    uri.setTimeout(Duration.ofSeconds(5));
    RedisClient client = RedisClient.create(uri);
    try {
      return new RedisSubscribers(client, client.connect());
    } catch (RuntimeException e) {
      client.shutdown();
      throw new IllegalStateException("cannot reach Redis at " + url + ": " + e.getMessage(), e);
    }
  }

  /** Kills the subscribed connections of the cluster {@code clusterId}; returns how many. */
  int drop(String clusterId) {
    int killed = 0;
    for (long id : subscriberIds(connection.sync().clientList(), RedisBroker.clientName(clusterId, ""))) {
      Long n = connection.sync().clientKill(KillArgs.Builder.id(id));
      killed += n == null ? 0 : n.intValue();
    }
    return killed;
  }

  /**
   * The ids, in {@code CLIENT LIST} text, of the connections whose name starts with {@code
   * namePrefix} and that are subscribed to a channel or pattern.
   */
  static List<Long> subscriberIds(String clientList, String namePrefix) {
    List<Long> ids = new ArrayList<>();
    for (String line : clientList.split("\n")) {
      String id = field(line, "id");
      String name = field(line, "name");
      boolean subscribed = positive(field(line, "sub")) || positive(field(line, "psub"));
      if (id != null && name != null && name.startsWith(namePrefix) && subscribed) {
        ids.add(Long.parseLong(id));
      }
    }
    return ids;
  }

  private static String field(String line, String key) {
    for (String pair : line.trim().split(" ")) {
      if (pair.startsWith(key + "=")) {
        return pair.substring(key.length() + 1);
      }
    }
    return null;
  }

  private static boolean positive(String n) {
    return n != null && !n.isEmpty() && !n.equals("0") && n.chars().allMatch(Character::isDigit);
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
