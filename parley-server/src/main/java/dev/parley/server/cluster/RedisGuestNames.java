package dev.parley.server.cluster;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guests' names in Redis: one key per name ({@code parley:CLUSTER:guest:KEY}), holding the
 * node's name, that expires three beats after the node last renewed it. So a node that dies
 * frees its guests' names within three seconds, and one that lives renews them every second
 * (recreating any Redis lost, unless another node's guest has taken the name meanwhile). With
 * Redis unreachable a claim succeeds: the node keeps serving, and names are unique on it alone.
 */
final class RedisGuestNames implements GuestNames, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisGuestNames.class);
  private static final long TTL_MILLIS = 3000;
  private static final long RENEW_MILLIS = 1000;
  /** Sets the key to this node unless another node holds it. */
  private static final String RENEW =
      "local v = redis.call('get', KEYS[1]) "
          + "if (not v) or v == ARGV[1] then redis.call('set', KEYS[1], ARGV[1], 'px', ARGV[2]) return 1 end "
          + "return 0";
  /** Deletes the key only if this node holds it. */
  private static final String RELEASE =
      "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

  private final StatefulRedisConnection<String, String> redis;
  private final String prefix;
  private final String node;
  private final Set<String> held = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService renewer =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "parley-guest-names");
        t.setDaemon(true);
        return t;
      });

  RedisGuestNames(StatefulRedisConnection<String, String> redis, String clusterId, String node) {
    this.redis = redis;
    this.prefix = "parley:" + clusterId + ":guest:";
    this.node = node;
    renewer.scheduleWithFixedDelay(this::renew, RENEW_MILLIS, RENEW_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public boolean claim(String key) {
    try {
      String ok = redis.sync().set(prefix + key, node, SetArgs.Builder.nx().px(TTL_MILLIS));
      if (ok == null) {
        return false;
      }
    } catch (RedisException e) {
      log.warn("cannot reach Redis to claim a guest's name; it is unique on this node only: {}", e.getMessage());
    }
    held.add(key);
    return true;
  }

  @Override
  public void release(String key) {
    if (held.remove(key)) {
      try {
        redis.async().eval(RELEASE, ScriptOutputType.INTEGER, new String[] {prefix + key}, node);
      } catch (RedisException e) {
        // Redis is away: the name comes free when its key expires
      }
    }
  }

  private void renew() {
    for (String key : held) {
      try {
        redis.async().eval(RENEW, ScriptOutputType.INTEGER, new String[] {prefix + key}, node, Long.toString(TTL_MILLIS));
      } catch (RedisException e) {
        return; // not connected: the next round tries again
      }
    }
  }

  @Override
  public void close() {
    renewer.shutdownNow();
  }
}
