package dev.parley.app.serve;

import dev.parley.server.ConfigException;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code parley serve}: checks the flags, starts the server, prints the listening line and runs
 * until SIGTERM or SIGINT. Defaults are {@link ServerConfig#defaults()}'s, shown in the help.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = dev.parley.app.VersionProvider.class,
    description = "Run the chat server until SIGTERM or Ctrl-C.",
    sortOptions = false,
    showDefaultValues = true,
    defaultValueProvider = ServeDefaults.class,
    footerHeading = "%nConfiguration:%n",
    footer = {
      "Every flag can also be set by an environment variable, PARLEY_ and the flag's name in capitals"
          + " with underscores (--tcp-port 7070 is PARLEY_TCP_PORT=7070, --no-guests is PARLEY_NO_GUESTS=true),"
          + " or in the --config file, Java properties whose keys are the flags without the dashes"
          + " (tcp-port=7070, no-guests=true, allow-origin=https://a.example,https://b.example).",
      "A flag wins over the environment, the environment over the file. The defaults shown above"
          + " include what the environment and the file set."
    })
public final class ServeCommand implements Callable<Integer> {
  private static final ServerConfig DEFAULTS = ServerConfig.defaults();
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ServeCommand.class);

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Read flags not given here from this properties file (or the one PARLEY_CONFIG names).")
  Path config;

  @Option(names = "--bind", paramLabel = "ADDR", description = "Address every listener binds.")
  String bind = DEFAULTS.bind();

  @Option(names = "--tcp-port", paramLabel = "N", description = "JSON-lines TCP port; 0 picks a free one.")
  int tcpPort = DEFAULTS.tcpPort();

  @Option(names = "--http-port", paramLabel = "N", description = "HTTP port (WebSocket, long-polling); 0 picks a free one.")
  int httpPort = DEFAULTS.httpPort();

  @Option(
      names = "--udp-port",
      paramLabel = "N",
      description = "Datagram ingress for send and dm with a token (see UDP in docs/protocol.md); 0 picks a free"
          + " port. Off unless given.")
  Integer udpPort;

  @Option(
      names = "--mqtt-port",
      paramLabel = "N",
      description = "MQTT 3.1.1 and 5 gateway (see MQTT gateway in docs/protocol.md); 0 picks a free port."
          + " Off unless given.")
  Integer mqttPort;

  @Option(
      names = "--irc-port",
      paramLabel = "N",
      description = "IRC gateway for IRC clients (see IRC gateway in docs/protocol.md); 0 picks a free port."
          + " Off unless given.")
  Integer ircPort;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Where accounts and history are stored.")
  Path dataDir = DEFAULTS.dataDir();

  @Option(
      names = "--postgres",
      paramLabel = "URL",
      description = "postgresql://USER@HOST:PORT/DATABASE: keep accounts, rooms and history there instead of the"
          + " embedded store; the schema is created or upgraded at start.")
  String postgres;

  @Option(
      names = "--redis",
      paramLabel = "URL",
      description = "redis://HOST:PORT: with --postgres, join the cluster of every node started with the same"
          + " database and Redis.")
  String redis;

  @Option(names = "--heartbeat", paramLabel = "SECONDS", description = "Silence before the server pings; closed after two more.")
  long heartbeatSeconds = DEFAULTS.heartbeat().toSeconds();

  @Option(names = "--no-guests", description = "Only registered users may log in.")
  boolean noGuests;

  @Option(names = "--max-frame", paramLabel = "BYTES", description = "Largest frame a client may send.")
  int maxFrame = DEFAULTS.maxFrameBytes();

  @Option(names = "--rate", paramLabel = "MSGS_PER_SECOND", description = "Sustained frames per second per connection (bursts of twice that).")
  int rate = DEFAULTS.ratePerSecond();

  @Option(names = "--max-pending", paramLabel = "BYTES", description = "Unsent output beyond which a client is closed as a slow consumer.")
  long maxPending = DEFAULTS.maxPendingBytes();

  @Option(names = "--max-connections-per-address", paramLabel = "N", description = "Connections one remote address may hold, of any transport.")
  int maxConnectionsPerAddress = DEFAULTS.maxConnectionsPerAddress();

  @Option(names = "--max-rooms", paramLabel = "N", description = "Rooms one connection may join.")
  int maxRooms = DEFAULTS.maxRoomsPerConnection();

  @Option(names = "--max-room-members", paramLabel = "N", description = "Connections one room may hold.")
  int maxRoomMembers = DEFAULTS.maxRoomMembers();

  @Option(
      names = "--warm-up-ms",
      paramLabel = "MS",
      description = "Before listening, run chat traffic through a throwaway server in this process until the JIT"
          + " compiler goes quiet, for at most MS ms, so that the first clients meet compiled code; 0 starts cold.")
  long warmUpMillis = 10_000;

  @Option(names = "--registrations-per-hour", paramLabel = "N", description = "Accounts one remote address may register an hour.")
  int registrationsPerHour = DEFAULTS.registrationsPerHour();

  @Option(
      names = "--allow-origin",
      paramLabel = "ORIGIN",
      split = ",",
      description = "A web origin whose pages may use /ws and /poll/* (repeatable, or several separated by"
          + " commas); needed for any host name but"
          + " localhost, an IP address or this machine's name.")
  List<String> allowedOrigins = new ArrayList<>();

  @Option(
      names = "--metrics-token-file",
      paramLabel = "FILE",
      description = "A file holding a bearer token with which scrapers beyond this machine may read /metrics"
          + " (without it, only loopback may).")
  Path metricsTokenFile;

  @Option(
      names = "--tls-self-signed",
      description = "Make (or reuse) a throwaway self-signed certificate in the data directory. For trying TLS only.")
  boolean tlsSelfSigned;

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "Certificate chain (PEM); turns on TLS, with --tls-key.")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key (PEM), with --tls-cert.")
  Path tlsKey;

  @Override
  public Integer call() throws InterruptedException {
    ServerConfig config = config();
    if (tlsSelfSigned) {
      config = selfSigned(config);
    }
    StartupChecks.check(config);
    if (warmUpMillis < 0) {
      throw new ParameterException(spec.commandLine(), "--warm-up-ms must be 0 or more");
    }
    JitWarmUp.Outcome warmUp = JitWarmUp.run(Duration.ofMillis(warmUpMillis));
    ParleyServer server = ParleyServer.start(config);
    // Told only now: a start that fails says one line, its reason.
    if (warmUp.failure() != null) {
      log.warn("warming up the JIT compiler stopped after {} ms, so the start was partly cold: {}",
          warmUp.took().toMillis(), warmUp.failure());
    } else if (!warmUp.took().isZero()) {
      log.info("warmed up the JIT compiler in {} ms before starting", warmUp.took().toMillis());
    }
    if (server.clustered()) {
      NodeLogField.name(server.node());
    }
    CleanShutdown.install(server);
    if (tlsSelfSigned) { // after the start, so the example names the port actually bound
      log.warn("for example: ./parley chat --server localhost:{} --tls --trust-cert {}",
          server.tcpAddress().getPort(), config.tlsCert().toAbsolutePath());
    }
    PrintStream out = System.out;
    out.println(ListeningLine.of(server, config.bind()));
    out.flush();
    new CountDownLatch(1).await(); // CleanShutdown ends the process
    return 0;
  }

  private ServerConfig selfSigned(ServerConfig config) {
    if (tlsCert != null) {
      throw new ParameterException(spec.commandLine(), "--tls-self-signed and --tls-cert exclude each other");
    }
    Path[] files = SelfSignedCertificate.ensure(config.dataDir());
    log.warn("TLS WITH A SELF-SIGNED CERTIFICATE, FOR TRYING OUT ONLY. Clients must trust this file: {}",
        files[0].toAbsolutePath());
    return config.withTls(files[0], files[1]);
  }

  /** The flags as a validated config; a value out of range is a usage error (exit 2). */
  ServerConfig config() {
    try {
      ServerConfig config =
          DEFAULTS
              .withBind(bind)
              .withTcpPort(tcpPort)
              .withHttpPort(httpPort)
              .withUdpPort(udpPort == null ? DEFAULTS.udpPort() : udpPort)
              .withMqttPort(mqttPort == null ? DEFAULTS.mqttPort() : mqttPort)
              .withIrcPort(ircPort == null ? DEFAULTS.ircPort() : ircPort)
              .withDataDir(dataDir)
              .withHeartbeat(Duration.ofSeconds(heartbeatSeconds))
              .withGuestsAllowed(!noGuests)
              .withMaxFrameBytes(maxFrame)
              .withRatePerSecond(rate)
              .withMaxPendingBytes(maxPending)
              .withAllowedOrigins(allowedOrigins)
              .withMaxConnectionsPerAddress(maxConnectionsPerAddress)
              .withMaxRoomsPerConnection(maxRooms)
              .withMaxRoomMembers(maxRoomMembers)
              .withRegistrationsPerHour(registrationsPerHour)
              .withMetricsTokenFile(metricsTokenFile)
              .withPostgres(postgres)
              .withRedis(redis);
      return config.withTls(tlsCert, tlsKey);
    } catch (ConfigException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
