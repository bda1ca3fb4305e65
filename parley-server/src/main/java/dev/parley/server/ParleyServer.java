package dev.parley.server;

import dev.parley.protocol.ByeReason;
import dev.parley.protocol.FrameCodec;
import dev.parley.server.auth.Authenticator;
import dev.parley.server.auth.PasswordHasher;
import dev.parley.server.auth.RegistrationThrottle;
import dev.parley.server.auth.UserDirectory;
import dev.parley.server.metrics.PrometheusMetrics;
import dev.parley.server.room.RoomHub;
import dev.parley.server.room.StoreReads;
import dev.parley.server.session.AccountChanges;
import dev.parley.server.session.AddressLimit;
import dev.parley.server.session.CommandTable;
import dev.parley.server.session.ScriptRequests;
import dev.parley.server.session.Session;
import dev.parley.server.session.SessionRegistry;
import dev.parley.server.session.SessionServices;
import dev.parley.server.cluster.Broker;
import dev.parley.server.cluster.GuestNames;
import dev.parley.server.cluster.RedisBroker;
import dev.parley.server.store.ChatStore;
import dev.parley.server.store.GroupCommitter;
import dev.parley.server.transport.AddressAdmission;
import dev.parley.server.transport.ProtocolViolations;
import dev.parley.server.transport.SessionHandler;
import dev.parley.server.transport.SlowConsumerRule;
import dev.parley.server.transport.TlsContexts;
import dev.parley.server.transport.http.HttpChannelInitializer;
import dev.parley.server.transport.http.MetricsAccess;
import dev.parley.server.transport.http.api.ApiHandler;
import dev.parley.server.transport.http.poll.PollHandler;
import dev.parley.server.transport.http.poll.PollSessions;
import dev.parley.server.transport.mqtt.MqttChannelInitializer;
import dev.parley.server.transport.mqtt.MqttSessions;
import dev.parley.server.transport.tcp.TcpChannelInitializer;
import dev.parley.server.transport.irc.IrcChannelInitializer;
import dev.parley.server.transport.udp.UdpChannelInitializer;
import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Parley server, and the one place its parts are wired together. {@link #start}
 * binds every listener before it returns; {@link #close} says {@code bye shutdown} to every
 * client, stores whatever was queued, and releases everything in the reverse order.
 */
public final class ParleyServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ParleyServer.class);
  private static final int MAX_BATCH = 1000;
  private static final int MAX_QUEUED_APPENDS = 100_000;
  private static final int MAX_LANE_BACKLOG = 100_000;

  /** Every connection, for the goodbye at shutdown. */
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  /** What to close, in the order to close it; filled as parts start. */
  private final List<AutoCloseable> stopOrder = new ArrayList<>();
  private final List<Channel> listeners = new ArrayList<>();
  private InetSocketAddress tcpAddress;
  private String node;
  private boolean clustered;
  private Channel httpListener;
  private InetSocketAddress httpAddress;
  private InetSocketAddress udpAddress;
  private InetSocketAddress mqttAddress;
  private InetSocketAddress ircAddress;
  /** Requests with a token and no connection (the HTTP API, UDP); set once while starting. */
  private ScriptRequests scripts;
  /** Set once while starting; read by the metrics scrape. */
  private volatile PollSessions pollSessions;
  private boolean closed;

  private ParleyServer() {}

  /**
   * Starts a server.
   *
   * @throws ConfigException when a port is in use or the data directory cannot be used
   */
  public static ParleyServer start(ServerConfig config) {
    ParleyServer server = new ParleyServer();
    try {
      server.startParts(config);
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private void startParts(ServerConfig config) {
    SslContext tls = TlsContexts.server(config.tlsCert(), config.tlsKey());
    MetricsAccess metricsAccess = MetricsAccess.of(config.metricsTokenFile());
    ChatStore store = Backends.openStore(config);
    stopOrder.add(store); // until the rest has started; then in its place below
    Broker broker = Backends.openBroker(config, store);
    stopOrder.add(0, broker);
    node = broker.node();
    clustered = broker.clustered();
    FrameCodec codec = new FrameCodec();
    PrometheusMetrics metrics = new PrometheusMetrics();
    StoreReads reads = new StoreReads(store, 2, 10_000);
    GroupCommitter committer = new GroupCommitter(store, MAX_BATCH, MAX_QUEUED_APPENDS, metrics);
    int lanes = Math.max(1, Runtime.getRuntime().availableProcessors());
    RoomHub hub =
        new RoomHub(lanes, MAX_LANE_BACKLOG, committer, reads, codec, metrics, config.maxRoomMembers(), config.roomIdle(), broker);
    hub.awaitCluster();
    metrics.gauge("parley.rooms", "rooms live in memory", hub::liveRooms);
    metrics.bytesGauge("parley.unsent", "output queued for clients and not yet written to them", this::unsentBytes);
    ThreadPoolExecutor authPool = boundedPool("parley-auth", 2, 1000);
    // Registrations hash on a thread of their own with a short queue: a flood of them is
    // refused as busy instead of queueing ahead of everyone's logins on the auth pool.
    ThreadPoolExecutor registrationPool = boundedPool("parley-register", 1, 16);
    EventLoopGroup acceptors = new NioEventLoopGroup(1, new DefaultThreadFactory("parley-accept"));
    EventLoopGroup workers = new NioEventLoopGroup(0, new DefaultThreadFactory("parley-io"));
    // Reverse dependency order: connections are gone by now; what was queued gets stored, its
    // results reach the lanes, then readers and the store go, and the event loops last.
    stopOrder.clear();
    stopOrder.add(committer);
    stopOrder.add(hub);
    stopOrder.add(broker);
    stopOrder.add(reads);
    stopOrder.add(authPool::shutdownNow);
    stopOrder.add(registrationPool::shutdownNow);
    stopOrder.add(store);
    stopOrder.add(() -> acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly());
    stopOrder.add(() -> workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly());
    Authenticator authenticator =
        new Authenticator(store.accountStore(), store, PasswordHasher.owaspBaseline(), config.guestsAllowed(), Clock.systemUTC());
    UserDirectory users = new UserDirectory(store.accountStore());
    SessionRegistry registry = new SessionRegistry();
    hub.localParticipants(registry::directParticipants);
    hub.accountConnections(registry::connectionsOf);
    AccountChanges accountChanges = new AccountChanges(store.accountStore(), registry, users, hub::forgetOwner);
    accountChanges.start();
    stopOrder.add(0, accountChanges);
    SessionServices services =
        new SessionServices(
            codec,
            hub,
            authenticator,
            users,
            authPool,
            registry,
            (int) Math.max(1, (config.heartbeat().toMillis() + 999) / 1000),
            config.ratePerSecond(),
            config.errorBudget(),
            metrics,
            new AddressLimit(config.maxConnectionsPerAddress()),
            config.maxRoomsPerConnection(),
            accountChanges,
            registrationPool,
            new RegistrationThrottle(config.registrationsPerHour(), Clock.systemUTC()),
            broker instanceof RedisBroker redis ? redis.guestNames() : GuestNames.SINGLE_NODE);

    scripts = new ScriptRequests(services);
    var admission = new AddressAdmission(services.addresses());
    var violations = new ProtocolViolations(metrics);
    Channel tcp =
        bind(
            bootstrap(acceptors, workers, config.maxPendingBytes())
                .childHandler(
                    new TcpChannelInitializer(
                        services,
                        CommandTable.standard(),
                        tls,
                        config.maxFrameBytes(),
                        config.heartbeat(),
                        config.maxPendingBytes(),
                        connections,
                        admission,
                        violations)),
            config.bind(),
            config.tcpPort(),
            "--tcp-port");
    tcpAddress = (InetSocketAddress) tcp.localAddress();
    NodeHealth health = new NodeHealth().add("store", NodeHealth.storeWrites(committer));
    if (broker.clustered()) {
      health.add("broker", () -> java.util.concurrent.CompletableFuture.completedFuture(broker.problem()));
      Backends.clusterMetrics(metrics, broker, hub);
    }
    if (config.httpPort() >= 0) {
      startHttp(config, services, tls, metrics, health, acceptors, workers,
          new HttpEdge(metricsAccess, admission, violations));
    }
    if (config.udpPort() >= 0) {
      startUdp(config, codec, metrics, workers);
    }
    if (config.mqttPort() >= 0) {
      startMqtt(config, services, tls, acceptors, workers, admission, violations);
    }
    if (config.ircPort() >= 0) {
      startIrc(config, services, tls, acceptors, workers, admission, violations);
    }
    // Only once every listener is bound: a port in use is then the one line the operator sees.
    String secured = tls == null ? "" : " with TLS";
    log.info("listening for TCP on {}{}", tcpAddress, secured);
    if (httpAddress != null) {
      log.info("listening for HTTP on {}{}", httpAddress, secured);
    }
    if (udpAddress != null) {
      log.info("listening for UDP on {}", udpAddress);
    }
    if (mqttAddress != null) {
      log.info("listening for MQTT on {}{}", mqttAddress, secured);
    }
    if (ircAddress != null) {
      log.info("listening for IRC on {}{}", ircAddress, secured);
    }
  }

  /** The MQTT gateway; its persistent sessions are saved after the connections have closed. */
  private void startMqtt(
      ServerConfig config,
      SessionServices services,
      SslContext tls,
      EventLoopGroup acceptors,
      EventLoopGroup workers,
      AddressAdmission admission,
      ProtocolViolations violations) {
    MqttSessions sessions = new MqttSessions(config.dataDir());
    stopOrder.add(0, sessions);
    Channel mqtt =
        bind(
            bootstrap(acceptors, workers, config.maxPendingBytes())
                .childHandler(
                    new MqttChannelInitializer(
                        services,
                        CommandTable.standard(),
                        tls,
                        config.maxFrameBytes(),
                        config.heartbeat(),
                        config.maxPendingBytes(),
                        connections,
                        admission,
                        violations,
                        sessions)),
            config.bind(),
            config.mqttPort(),
            "--mqtt-port");
    mqttAddress = (InetSocketAddress) mqtt.localAddress();
  }

  /** The IRC gateway: one more transport in front of the same sessions. */
  private void startIrc(
      ServerConfig config,
      SessionServices services,
      SslContext tls,
      EventLoopGroup acceptors,
      EventLoopGroup workers,
      AddressAdmission admission,
      ProtocolViolations violations) {
    var settings =
        new IrcChannelInitializer.Settings(
            tls, config.heartbeat(), config.maxPendingBytes(), config.ratePerSecond(), config.guestsAllowed());
    Channel irc =
        bind(
            bootstrap(acceptors, workers, config.maxPendingBytes())
                .childHandler(new IrcChannelInitializer(
                    services, CommandTable.standard(), settings, connections, admission, violations)),
            config.bind(),
            config.ircPort(),
            "--irc-port");
    ircAddress = (InetSocketAddress) irc.localAddress();
  }

  /** The datagram ingress, on one of the workers' event loops (a datagram channel is one channel). */
  private void startUdp(ServerConfig config, FrameCodec codec, PrometheusMetrics metrics, EventLoopGroup workers) {
    var udp = new UdpChannelInitializer(scripts, codec, metrics, config.ratePerSecond());
    Channel channel =
        bind(
            new Bootstrap()
                .group(workers)
                .channel(NioDatagramChannel.class)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(UdpChannelInitializer.RECEIVE_BYTES))
                .handler(udp),
            config.bind(),
            config.udpPort(),
            "--udp-port");
    udpAddress = (InetSocketAddress) channel.localAddress();
    metrics.counter("parley.udp.answers.withheld", "UDP answers not sent because they were larger than their datagram", udp::withheld);
    metrics.counter("parley.udp.dropped", "UDP datagrams dropped silently, their address over its rate", udp::dropped);
  }

  private void startHttp(
      ServerConfig config,
      SessionServices services,
      SslContext tls,
      PrometheusMetrics metrics,
      NodeHealth health,
      EventLoopGroup acceptors,
      EventLoopGroup workers,
      HttpEdge edge) {
    pollSessions = new PollSessions(workers, config.pollExpiry(), metrics);
    stopOrder.add(0, pollSessions);
    CommandTable commands = CommandTable.standard();
    var poll =
        new PollHandler(
            pollSessions, services, commands, config.maxFrameBytes(), config.maxPendingBytes(), config.pollWait());
    var settings =
        new HttpChannelInitializer.Settings(
            tls,
            config.maxFrameBytes(),
            config.heartbeat(),
            config.maxPendingBytes(),
            config.allowedOrigins(),
            metrics,
            health,
            edge.metricsAccess(),
            config.httpRequestTimeout(),
            edge.admission(),
            edge.violations());
    Channel http =
        bind(
            bootstrap(acceptors, workers, config.maxPendingBytes())
                .childHandler(new HttpChannelInitializer(
                    services, commands, settings, poll, new ApiHandler(scripts, services.codec(), config.maxFrameBytes()), connections)),
            config.bind(),
            config.httpPort(),
            "--http-port");
    httpListener = http;
    httpAddress = (InetSocketAddress) http.localAddress();
  }

  /** What the HTTP listener shares with the rest of the server at its edge. */
  private record HttpEdge(MetricsAccess metricsAccess, AddressAdmission admission, ProtocolViolations violations) {}

  private static final AdaptiveRecvByteBufAllocator SHARED_RECEIVE_SIZES = new AdaptiveRecvByteBufAllocator();

  private static ServerBootstrap bootstrap(EventLoopGroup acceptors, EventLoopGroup workers, long maxPending) {
    int high = (int) Math.min(maxPending, Integer.MAX_VALUE);
    return new ServerBootstrap()
        .group(acceptors, workers)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        // One allocator for all: Netty otherwise makes one per connection (each keeps its own
        // handle anyway), and an idle connection's heap is what limits how many we hold.
        .childOption(ChannelOption.RCVBUF_ALLOCATOR, SHARED_RECEIVE_SIZES)
        .childOption(
            ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark((int) SlowConsumerRule.lowWatermark(high), high));
  }

  private Channel bind(AbstractBootstrap<?, ?> bootstrap, String host, int port, String flag) {
    try {
      Channel channel = bootstrap.bind(host, port).sync().channel();
      listeners.add(channel);
      return channel;
    } catch (Exception e) {
      if (e instanceof BindException) {
        throw new ConfigException(
            flag + ": port " + port + " on " + host + " is already in use or not available", e);
      }
      throw new ConfigException(flag + ": cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  private static ThreadPoolExecutor boundedPool(String name, int threads, int maxQueued) {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        threads,
        threads,
        0,
        TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(maxQueued),
        r -> new Thread(r, name + "-" + n.getAndIncrement()));
  }

  /**
   * What the server holds for its clients and has not written yet: every socket's send queue
   * (long-polling answers included) and the frames no {@code recv} has taken yet.
   */
  private long unsentBytes() {
    long total = 0;
    for (Channel ch : connections) {
      var queue = ch.unsafe().outboundBuffer();
      total += queue == null ? 0 : queue.totalPendingWriteBytes();
    }
    PollSessions poll = pollSessions;
    return poll == null ? total : total + poll.unsentBytes();
  }

  /**
   * What a transport without connections (the HTTP API, UDP) hands its requests to: a token
   * and a frame in, one answer out.
   */
  public ScriptRequests scripts() {
    return scripts;
  }

  /** This node's name (unique in its cluster). */
  public String node() {
    return node;
  }

  /** Whether this node is one of a cluster ({@code --redis}). */
  public boolean clustered() {
    return clustered;
  }

  /** The bound TCP address (the real port when the config asked for port 0). */
  public InetSocketAddress tcpAddress() {
    return tcpAddress;
  }

  /** The bound HTTP address, or empty when HTTP is off ({@code httpPort} -1). */
  public Optional<InetSocketAddress> httpAddress() {
    return Optional.ofNullable(httpAddress);
  }

  /** The bound UDP address, or empty when UDP is off ({@code udpPort} -1, the default). */
  public Optional<InetSocketAddress> udpAddress() {
    return Optional.ofNullable(udpAddress);
  }

  /** The bound MQTT address, or empty when the gateway is off ({@code mqttPort} -1, the default). */
  public Optional<InetSocketAddress> mqttAddress() {
    return Optional.ofNullable(mqttAddress);
  }

  /** The bound IRC address, or empty when the IRC gateway is off ({@code ircPort} -1, the default). */
  public Optional<InetSocketAddress> ircAddress() {
    return Optional.ofNullable(ircAddress);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    listeners.stream().filter(l -> l != httpListener).forEach(l -> l.close().syncUninterruptibly());
    sayGoodbye();
    for (AutoCloseable part : stopOrder) {
      try {
        part.close();
      } catch (Exception e) {
        log.warn("stopping {} failed", part, e);
      }
    }
  }

  /**
   * Tells every client {@code bye shutdown} and waits for the closes. Long-polling clients can
   * only take their bye with their next {@code recv}, so the HTTP listener stays open for a
   * moment while they do.
   */
  private void sayGoodbye() {
    if (pollSessions != null) {
      pollSessions.sayGoodbye(ByeReason.SHUTDOWN);
    }
    for (Channel ch : connections) {
      Session session = ch.attr(SessionHandler.SESSION).get();
      if (session != null) {
        session.bye(ByeReason.SHUTDOWN);
      }
    }
    if (pollSessions != null) {
      pollSessions.awaitDrained(Duration.ofSeconds(2));
    }
    if (httpListener != null) {
      httpListener.close().syncUninterruptibly();
    }
    for (Channel ch : connections) {
      if (ch.attr(SessionHandler.SESSION).get() == null) {
        ch.close();
      }
    }
    connections.newCloseFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
