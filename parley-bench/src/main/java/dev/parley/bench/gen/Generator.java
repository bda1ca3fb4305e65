package dev.parley.bench.gen;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The load generator's connections: one Netty event loop (the generator gets one core) that
 * every generated connection lives on, so pacing and counting need no locks.
 */
public final class Generator implements AutoCloseable {
  private static final int MAX_FRAME = 1 << 20;
  /** Connections being set up at once: enough to be quick, few enough not to flood a backlog. */
  private static final int CONNECTING_AT_ONCE = 200;
  /**
   * The same for InspIRCd, which completes a registration only on its once-a-second timer:
   * with 200 at once, 10,000 connections would take 50 s to set up.
   */
  private static final int IRC_CONNECTING_AT_ONCE = 2000;

  /** Numbers every connection of the run: MQTT client ids must be unique. */
  private final java.util.concurrent.atomic.AtomicLong connections = new java.util.concurrent.atomic.AtomicLong();
  private final EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("bench-gen"));

  /** The one loop every connection is on. */
  public EventLoop loop() {
    return group.next();
  }

  /**
   * Connects {@code count} clients, each joined to {@code roomOf(i)}, from source address
   * {@code sourceOf(i)} (null: any). Throws when one fails or when {@code timeoutMillis} pass.
   */
  public List<BenchClient> connect(
      Target target,
      int count,
      IntFunction<String> roomOf,
      IntFunction<String> sourceOf,
      String token,
      IntFunction<Events> eventsOf,
      long timeoutMillis)
      throws InterruptedException {
    return connect(List.of(target), count, roomOf, sourceOf, token, eventsOf, timeoutMillis);
  }

  /**
   * The same over the nodes of a cluster: client {@code i} connects to {@code targets[i % k]},
   * so any first clients of the list (the publishers, say) are spread over the nodes as evenly
   * as the whole list is.
   */
  public List<BenchClient> connect(
      List<Target> targets,
      int count,
      IntFunction<String> roomOf,
      IntFunction<String> sourceOf,
      String token,
      IntFunction<Events> eventsOf,
      long timeoutMillis)
      throws InterruptedException {
    Target first = targets.get(0);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    int atOnce = first.system() == Target.System.INSPIRCD ? IRC_CONNECTING_AT_ONCE : CONNECTING_AT_ONCE;
    Semaphore slots = new Semaphore(atOnce);
    List<BenchClient> clients = new ArrayList<>(count);
    List<CompletableFuture<BenchClient>> pending = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (!slots.tryAcquire(remaining(deadline), TimeUnit.NANOSECONDS)) {
        throw timedOut(first, count, clients.size() - atOnce);
      }
      Target target = targets.get(i % targets.size());
      BenchClient client = client(target, roomOf.apply(i), connections.incrementAndGet(), token, eventsOf.apply(i));
      clients.add(client);
      CompletableFuture<BenchClient> ready = client.ready().whenComplete((c, e) -> slots.release());
      pending.add(ready);
      Bootstrap bootstrap = bootstrap(target, client);
      String source = sourceOf.apply(i);
      InetSocketAddress remote = new InetSocketAddress(target.host(), target.port());
      (source == null ? bootstrap.connect(remote) : bootstrap.connect(remote, new InetSocketAddress(source, 0)))
          .addListener(f -> {
            if (!f.isSuccess()) {
              client.ready().completeExceptionally(f.cause());
            }
          });
      CompletableFuture<BenchClient> failed = firstFailure(pending, atOnce);
      if (failed != null) {
        break;
      }
    }
    for (CompletableFuture<BenchClient> ready : pending) {
      try {
        ready.get(remaining(deadline), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        clients.forEach(BenchClient::close);
        throw new BenchException(
            first.label() + ": connecting " + count + " clients failed: " + reason(e.getCause()));
      } catch (java.util.concurrent.TimeoutException e) {
        clients.forEach(BenchClient::close);
        throw timedOut(first, count, (int) pending.stream().filter(CompletableFuture::isDone).count());
      }
    }
    return clients;
  }

  private static CompletableFuture<BenchClient> firstFailure(List<CompletableFuture<BenchClient>> pending, int atOnce) {
    // Checking only the newest few keeps this O(1) per connection; a failure surfaces soon.
    for (int i = Math.max(0, pending.size() - atOnce); i < pending.size(); i++) {
      if (pending.get(i).isCompletedExceptionally()) {
        return pending.get(i);
      }
    }
    return null;
  }

  private static BenchException timedOut(Target target, int count, int done) {
    return new BenchException(
        target.label() + ": connecting " + count + " clients timed out (" + Math.max(0, done) + " ready)");
  }

  private static String reason(Throwable t) {
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  private static BenchClient client(Target target, String room, long index, String token, Events events) {
    boolean ws = target.transport() == Target.Transport.WS;
    return switch (target.system()) {
      case PARLEY -> new ParleyBenchClient(room, events, ws, token);
      case FLOOR -> new FloorBenchClient(room, events, ws);
      case MOSQUITTO -> new MqttBenchClient(room, events, "bench-" + ProcessHandle.current().pid() + "-" + index);
      case INSPIRCD -> new IrcBenchClient(room, events, "b" + index);
    };
  }

  private Bootstrap bootstrap(Target target, BenchClient client) {
    return new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
        .handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                pipeline(ch.pipeline(), target, client);
              }
            });
  }

  private static void pipeline(ChannelPipeline p, Target target, BenchClient client) {
    if (target.system() == Target.System.MOSQUITTO) {
      p.addLast(new MqttDecoder(MAX_FRAME), MqttEncoder.INSTANCE, client);
    } else if (target.transport() == Target.Transport.TCP) {
      p.addLast(new LineBasedFrameDecoder(MAX_FRAME, true, true), client);
    } else {
      var config =
          WebSocketClientProtocolConfig.newBuilder()
              .webSocketUri(URI.create("ws://" + target.host() + ":" + target.port() + "/ws"))
              .version(WebSocketVersion.V13)
              .maxFramePayloadLength(MAX_FRAME)
              .generateOriginHeader(false) // a program, not a page
              .customHeaders(new DefaultHttpHeaders())
              .build();
      p.addLast(new HttpClientCodec(), new HttpObjectAggregator(65536), new WebSocketClientProtocolHandler(config), client);
    }
  }

  /** Closes every client and waits (up to 10 s) until they are closed. */
  public static void closeAll(List<BenchClient> clients) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    clients.forEach(BenchClient::close);
    for (BenchClient c : clients) {
      while (c.isOpen() && System.nanoTime() < deadline) {
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
