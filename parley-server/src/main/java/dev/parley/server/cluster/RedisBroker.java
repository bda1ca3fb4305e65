package dev.parley.server.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker of a cluster: Redis pub/sub through Lettuce, on one channel per cluster ({@code
 * parley:CLUSTER:events}, the cluster being named by its database), so clusters sharing a Redis
 * never hear each other. Two connections: one subscribed, one to publish. Lettuce reconnects
 * both by itself and subscribes again; while a connection is down, publishing fails at once
 * rather than queueing, and {@link Listener#linkRestored} says when it is back.
 */
public final class RedisBroker implements Broker {
  private static final Logger log = LoggerFactory.getLogger(RedisBroker.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

  private final String node;
  private final String channel;
  private final ClientResources resources;
  private final RedisClient client;
  private final StatefulRedisPubSubConnection<String, String> subscriber;
  private final StatefulRedisConnection<String, String> publisher;
  private final EventCodec codec = new EventCodec();
  private final AtomicBoolean wasDown = new AtomicBoolean();
  private final LongAdder published = new LongAdder();
  private final LongAdder publishFailures = new LongAdder();
  private final LongAdder received = new LongAdder();
  private volatile Listener listener;
  private volatile boolean closing;
  private final RedisGuestNames guestNames;

  private RedisBroker(String node, String clusterId, RedisClient client, ClientResources resources,
      StatefulRedisPubSubConnection<String, String> subscriber, StatefulRedisConnection<String, String> publisher) {
    this.node = node;
    this.channel = "parley:" + clusterId + ":events";
    this.client = client;
    this.resources = resources;
    this.subscriber = subscriber;
    this.publisher = publisher;
    this.guestNames = new RedisGuestNames(publisher, clusterId, node);
  }

  /** Guests' names across the cluster, kept in this Redis. */
  public GuestNames guestNames() {
    return guestNames;
  }

  /**
   * Connects to Redis at {@code url} for the cluster {@code clusterId}.
   *
   * @throws RedisException when Redis cannot be reached now
   */
  public static RedisBroker connect(String url, String clusterId, String node) {
    ClientResources resources =
        DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
    RedisURI uri = RedisURI.create(url);
    uri.setTimeout(COMMAND_TIMEOUT);
    // Named in CLIENT LIST, so an operator (or the chaos run) can tell one cluster's nodes from
    // another's on a shared Redis and drop just those.
    uri.setClientName(clientName(clusterId, node));
    RedisClient client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).keepAlive(true).build())
        .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
        .build());
    try {
      var subscriber = client.connectPubSub();
      var publisher = client.connect();
      return new RedisBroker(node, clusterId, client, resources, subscriber, publisher);
    } catch (RuntimeException e) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
      resources.shutdown(0, 1, TimeUnit.SECONDS);
      throw e;
    }
  }

  /** The name both of a node's Redis connections carry: {@code parley:CLUSTER:NODE}. */
  public static String clientName(String clusterId, String node) {
    return "parley:" + clusterId + ":" + node;
  }

  @Override
  public String node() {
    return node;
  }

  @Override
  public boolean clustered() {
    return true;
  }

  @Override
  public void start(Listener listener) {
    this.listener = listener;
    subscriber.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(String from, String text) {
        ClusterEvent event = codec.decode(text);
        if (event != null && !node.equals(event.node())) {
          received.increment();
          listener.received(event);
        }
      }
    });
    RedisConnectionStateListener linkWatch = new RedisConnectionStateListener() {
      @Override
      public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
        if (!closing && wasDown.compareAndSet(false, true)) {
          log.warn("lost the link to Redis; storing and serving this node's own connections meanwhile");
        }
      }

      @Override
      public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
        if (subscriber.isOpen() && publisher.isOpen() && wasDown.compareAndSet(true, false)) {
          log.info("the link to Redis is back; catching up from the store");
          listener.linkRestored();
        }
      }
    };
    subscriber.addListener(linkWatch);
    publisher.addListener(linkWatch);
    subscriber.sync().subscribe(channel);
  }

  @Override
  public void publish(ClusterEvent event) {
    try {
      publisher.async().publish(channel, codec.encode(event)).whenComplete((n, failure) -> {
        if (failure == null) {
          published.increment();
        } else {
          publishFailures.increment();
        }
      });
    } catch (RedisException e) {
      publishFailures.increment(); // not connected: the others repair from the store
    }
  }

  @Override
  public String problem() {
    if (!subscriber.isOpen() || !publisher.isOpen()) {
      return "not connected to Redis";
    }
    return null;
  }

  @Override
  public long published() {
    return published.sum();
  }

  @Override
  public long publishFailures() {
    return publishFailures.sum();
  }

  @Override
  public long received() {
    return received.sum();
  }

  @Override
  public void close() {
    closing = true;
    guestNames.close();
    try {
      subscriber.close();
      publisher.close();
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }
}
