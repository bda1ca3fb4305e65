package dev.parley.server;

import dev.parley.server.store.postgres.PostgresUrl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything a server needs to start, immutable and validated when built. An invalid value
 * throws {@link ConfigException} whose one-line message names the flag.
 *
 * @param bind address every listener binds
 * @param tcpPort JSON-lines TCP port; 0 picks a free one
 * @param httpPort HTTP port (web page, WebSocket, long-polling); 0 picks a free one, -1 off
 * @param dataDir where the embedded store keeps accounts and history
 * @param heartbeat silence before the server pings; the connection closes after two more
 * @param guestsAllowed whether a guest {@code hello} is accepted
 * @param maxFrameBytes largest client frame
 * @param ratePerSecond sustained frames per second per connection; bursts of twice that
 * @param maxPendingBytes a connection's unsent output beyond which it is a slow consumer
 * @param errorBudget error replies a connection may earn per minute before it is closed
 * @param tlsCert PEM certificate chain, or {@code null}
 * @param tlsKey PEM private key, or {@code null}
 * @param allowedOrigins browser origins besides the server's own that may open {@code /ws}
 * @param pollWait how long {@code /poll/recv} waits for a frame before answering {@code []}
 * @param pollExpiry how long a long-polling session may go without {@code recv}
 * @param maxConnectionsPerAddress connections (of any transport) one remote address may hold
 * @param maxRoomsPerConnection rooms one connection may join
 * @param maxRoomMembers connections one room may hold
 * @param registrationsPerHour accounts one remote address may register an hour (and at once)
 * @param httpRequestTimeout how long one HTTP request (head and body) may take to arrive,
 *     counted from its first byte
 * @param metricsTokenFile a file holding the bearer token that opens {@code /metrics} to
 *     scrapers beyond loopback, or {@code null} (loopback only)
 * @param roomIdle how long a room nobody is in stays in memory after its last use
 * @param postgres {@code postgresql://USER@HOST:PORT/DATABASE}: keep everything in that
 *     PostgreSQL database instead of the embedded store in {@code dataDir}; or {@code null}
 * @param redis {@code redis://HOST:PORT}: with {@code postgres}, join the cluster of every node
 *     on the same database and Redis; or {@code null} (one node)
 * @param udpPort datagram ingress for {@code send} and {@code dm} with a token; 0 picks a free
 *     port, -1 off
 * @param mqttPort MQTT 3.1.1 and 5 gateway; 0 picks a free port, -1 off
 * @param ircPort IRC gateway for IRC clients; 0 picks a free port, -1 off
 */
public record ServerConfig(
    String bind,
    int tcpPort,
    int httpPort,
    Path dataDir,
    Duration heartbeat,
    boolean guestsAllowed,
    int maxFrameBytes,
    int ratePerSecond,
    long maxPendingBytes,
    int errorBudget,
    Path tlsCert,
    Path tlsKey,
    List<String> allowedOrigins,
    Duration pollWait,
    Duration pollExpiry,
    int maxConnectionsPerAddress,
    int maxRoomsPerConnection,
    int maxRoomMembers,
    int registrationsPerHour,
    Duration httpRequestTimeout,
    Path metricsTokenFile,
    Duration roomIdle,
    String postgres,
    String redis,
    int udpPort,
    int mqttPort,
    int ircPort) {

  public static final String VERSION = "0.1.0";

  public ServerConfig {
    if (bind == null || bind.isBlank()) {
      throw new ConfigException("--bind must name an address");
    }
    checkPort("--tcp-port", tcpPort);
    if (httpPort != -1) {
      checkPort("--http-port", httpPort);
    }
    if (udpPort != -1) {
      checkPort("--udp-port", udpPort);
    }
    if (mqttPort != -1) {
      checkPort("--mqtt-port", mqttPort);
    }
    if (ircPort != -1) {
      checkPort("--irc-port", ircPort);
    }
    if (dataDir == null) {
      throw new ConfigException("--data-dir must name a directory");
    }
    if (heartbeat == null || heartbeat.isNegative() || heartbeat.isZero()) {
      throw new ConfigException("--heartbeat must be a positive number of seconds");
    }
    if (maxFrameBytes < 256 || maxFrameBytes > 16 * 1024 * 1024) {
      throw new ConfigException("--max-frame must be between 256 and 16777216 bytes");
    }
    if (ratePerSecond < 1) {
      throw new ConfigException("--rate must be at least 1 frame per second");
    }
    if (maxPendingBytes < 1024) {
      throw new ConfigException("--max-pending must be at least 1024 bytes");
    }
    if (errorBudget < 1) {
      throw new ConfigException("error budget must be at least 1");
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new ConfigException("--tls-cert and --tls-key go together");
    }
    allowedOrigins = List.copyOf(allowedOrigins);
    for (String origin : allowedOrigins) {
      if (!origin.matches("https?://[^/\\s]+")) {
        throw new ConfigException("--allow-origin takes an origin like https://chat.example.org, not " + origin);
      }
    }
    if (pollWait.isNegative() || pollWait.isZero() || pollExpiry.compareTo(pollWait) <= 0) {
      throw new ConfigException("the long-poll wait must be positive and shorter than its expiry");
    }
    if (maxConnectionsPerAddress < 1) {
      throw new ConfigException("--max-connections-per-address must be at least 1");
    }
    if (maxRoomsPerConnection < 1) {
      throw new ConfigException("--max-rooms must be at least 1");
    }
    if (maxRoomMembers < 1) {
      throw new ConfigException("--max-room-members must be at least 1");
    }
    if (registrationsPerHour < 1) {
      throw new ConfigException("--registrations-per-hour must be at least 1");
    }
    if (httpRequestTimeout == null || httpRequestTimeout.isNegative() || httpRequestTimeout.isZero()) {
      throw new ConfigException("the HTTP request timeout must be positive");
    }
    if (roomIdle == null || roomIdle.isNegative() || roomIdle.isZero()) {
      throw new ConfigException("the idle time of rooms in memory must be positive");
    }
    if (postgres != null) {
      try {
        PostgresUrl.parse(postgres);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--postgres: " + e.getMessage());
      }
    }
    if (redis != null) {
      if (postgres == null) {
        throw new ConfigException("--redis needs --postgres: the nodes of a cluster share one database");
      }
      if (!redis.matches("rediss?://[^\\s/]+(:\\d+)?(/\\d*)?")) {
        throw new ConfigException("--redis: '" + redis + "' is not redis://HOST:PORT");
      }
    }
  }

  /** The defaults of {@code ./parley serve}. */
  public static ServerConfig defaults() {
    return new ServerConfig(
        "0.0.0.0",
        7070,
        8080,
        Path.of("data"),
        Duration.ofSeconds(30),
        true,
        65536,
        20,
        4L * 1024 * 1024,
        50,
        null,
        null,
        List.of(),
        Duration.ofSeconds(25),
        Duration.ofSeconds(60),
        256,
        200,
        100_000,
        20,
        Duration.ofSeconds(10),
        null,
        Duration.ofSeconds(60),
        null,
        null,
        -1,
        -1,
        -1);
  }

  /**
   * Loopback, free ports, the given data directory: what tests start. Registrations are not
   * throttled (every test client comes from one address); the tests of that throttle set it.
   */
  public static ServerConfig forTests(Path dataDir) {
    return defaults().withBind("127.0.0.1").withTcpPort(0).withHttpPort(0).withDataDir(dataDir)
        .withRegistrationsPerHour(1_000_000);
  }

  public ServerConfig withBind(String v) {
    return edit(d -> d.bind = v);
  }

  public ServerConfig withTcpPort(int v) {
    return edit(d -> d.tcpPort = v);
  }

  public ServerConfig withHttpPort(int v) {
    return edit(d -> d.httpPort = v);
  }

  public ServerConfig withDataDir(Path v) {
    return edit(d -> d.dataDir = v);
  }

  public ServerConfig withHeartbeat(Duration v) {
    return edit(d -> d.heartbeat = v);
  }

  public ServerConfig withGuestsAllowed(boolean v) {
    return edit(d -> d.guestsAllowed = v);
  }

  public ServerConfig withMaxFrameBytes(int v) {
    return edit(d -> d.maxFrameBytes = v);
  }

  public ServerConfig withRatePerSecond(int v) {
    return edit(d -> d.ratePerSecond = v);
  }

  public ServerConfig withMaxPendingBytes(long v) {
    return edit(d -> d.maxPendingBytes = v);
  }

  public ServerConfig withErrorBudget(int v) {
    return edit(d -> d.errorBudget = v);
  }

  public ServerConfig withAllowedOrigins(List<String> v) {
    return edit(d -> d.allowedOrigins = v);
  }

  public ServerConfig withPollTimes(Duration wait, Duration expiry) {
    return edit(d -> {
      d.pollWait = wait;
      d.pollExpiry = expiry;
    });
  }

  public ServerConfig withMaxConnectionsPerAddress(int v) {
    return edit(d -> d.maxConnectionsPerAddress = v);
  }

  public ServerConfig withMaxRoomsPerConnection(int v) {
    return edit(d -> d.maxRoomsPerConnection = v);
  }

  public ServerConfig withMaxRoomMembers(int v) {
    return edit(d -> d.maxRoomMembers = v);
  }

  public ServerConfig withRegistrationsPerHour(int v) {
    return edit(d -> d.registrationsPerHour = v);
  }

  public ServerConfig withHttpRequestTimeout(Duration v) {
    return edit(d -> d.httpRequestTimeout = v);
  }

  public ServerConfig withMetricsTokenFile(Path v) {
    return edit(d -> d.metricsTokenFile = v);
  }

  public ServerConfig withRoomIdle(Duration v) {
    return edit(d -> d.roomIdle = v);
  }

  public ServerConfig withPostgres(String v) {
    return edit(d -> d.postgres = v);
  }

  public ServerConfig withRedis(String v) {
    return edit(d -> d.redis = v);
  }

  public ServerConfig withUdpPort(int v) {
    return edit(d -> d.udpPort = v);
  }

  public ServerConfig withMqttPort(int v) {
    return edit(d -> d.mqttPort = v);
  }

  public ServerConfig withIrcPort(int v) {
    return edit(d -> d.ircPort = v);
  }

  public ServerConfig withTls(Path cert, Path key) {
    return edit(d -> {
      d.tlsCert = cert;
      d.tlsKey = key;
    });
  }

  /** A copy with some values changed, validated like any other. */
  private ServerConfig edit(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return d.build();
  }

  /** The mutable twin used by the {@code with…} methods; the one caller of the constructor. */
  private static final class Draft {
    String bind;
    int tcpPort;
    int httpPort;
    Path dataDir;
    Duration heartbeat;
    boolean guestsAllowed;
    int maxFrameBytes;
    int ratePerSecond;
    long maxPendingBytes;
    int errorBudget;
    Path tlsCert;
    Path tlsKey;
    List<String> allowedOrigins;
    Duration pollWait;
    Duration pollExpiry;
    int maxConnectionsPerAddress;
    int maxRoomsPerConnection;
    int maxRoomMembers;
    int registrationsPerHour;
    Duration httpRequestTimeout;
    Path metricsTokenFile;
    Duration roomIdle;
    String postgres;
    String redis;
    int udpPort;
    int mqttPort;
    int ircPort;

    Draft(ServerConfig c) {
      bind = c.bind;
      tcpPort = c.tcpPort;
      httpPort = c.httpPort;
      dataDir = c.dataDir;
      heartbeat = c.heartbeat;
      guestsAllowed = c.guestsAllowed;
      maxFrameBytes = c.maxFrameBytes;
      ratePerSecond = c.ratePerSecond;
      maxPendingBytes = c.maxPendingBytes;
      errorBudget = c.errorBudget;
      tlsCert = c.tlsCert;
      tlsKey = c.tlsKey;
      allowedOrigins = c.allowedOrigins;
      pollWait = c.pollWait;
      pollExpiry = c.pollExpiry;
      maxConnectionsPerAddress = c.maxConnectionsPerAddress;
      maxRoomsPerConnection = c.maxRoomsPerConnection;
      maxRoomMembers = c.maxRoomMembers;
      registrationsPerHour = c.registrationsPerHour;
      httpRequestTimeout = c.httpRequestTimeout;
      metricsTokenFile = c.metricsTokenFile;
      roomIdle = c.roomIdle;
      postgres = c.postgres;
      redis = c.redis;
      udpPort = c.udpPort;
      mqttPort = c.mqttPort;
      ircPort = c.ircPort;
    }

    ServerConfig build() {
      return new ServerConfig(
          bind, tcpPort, httpPort, dataDir, heartbeat, guestsAllowed, maxFrameBytes,
          ratePerSecond, maxPendingBytes, errorBudget, tlsCert, tlsKey, allowedOrigins,
          pollWait, pollExpiry, maxConnectionsPerAddress, maxRoomsPerConnection, maxRoomMembers,
          registrationsPerHour, httpRequestTimeout, metricsTokenFile, roomIdle, postgres, redis,
          udpPort, mqttPort, ircPort);
    }
  }

  private static void checkPort(String flag, int port) {
    if (port < 0 || port > 65535) {
      throw new ConfigException(flag + " must be a port number from 0 to 65535");
    }
  }
}
