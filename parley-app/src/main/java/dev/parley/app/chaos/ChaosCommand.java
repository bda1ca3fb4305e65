package dev.parley.app.chaos;

import dev.parley.app.ErrorLine;
import dev.parley.app.QuietLogs;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code parley chaos}: clients chat while the server is killed, frozen and restarted; then the
 * verdict. Exit 0 when nothing was lost, duplicated, out of order or skipped and every send was
 * acknowledged; 1 when not (or the run could not be made); 2 for a bad flag.
 */
@Command(
    name = "chaos",
    mixinStandardHelpOptions = true,
    versionProvider = dev.parley.app.VersionProvider.class,
    description = {
      "Start a server, have clients chat in several rooms over TCP and WebSocket while the server is "
          + "killed (SIGKILL) and frozen (SIGSTOP) at seeded random moments, then check that every "
          + "member got every acknowledged message once, in order, without gaps.",
      "With --nodes above 1 it is a cluster: the nodes share a PostgreSQL database of the run's own "
          + "and Redis, every client knows every node, and the faults also drop the cluster's Redis "
          + "subscribers.",
      "With --sample-every it is a soak: the server's heap after GC, open files and threads are sampled."
    },
    sortOptions = false,
    showDefaultValues = true)
public final class ChaosCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--clients", paramLabel = "C", description = "Clients, half over TCP, half over WebSocket.")
  int clients = 20;

  @Option(names = "--rooms", paramLabel = "R", description = "Rooms.")
  int rooms = 4;

  @Option(names = "--rooms-per-client", paramLabel = "N", description = "Rooms each client joins (at most R).")
  int roomsPerClient = 2;

  @Option(names = "--nodes", paramLabel = "N", description = "Servers: 1 on SQLite, more a cluster on PostgreSQL and Redis.")
  int nodes = 1;

  @Option(names = "--kills", paramLabel = "K", description = "Faults: half SIGKILL and restart, half SIGSTOP longer than the heartbeat; "
      + "in a cluster a third each SIGKILL, SIGSTOP and Redis subscribers dropped.")
  int faults = 6;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the fault schedule; random when absent, always printed.")
  Long seed;

  @Option(names = "--rate", paramLabel = "MSGS_PER_SECOND", description = "Messages each client sends per second.")
  double rate = 2;

  @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class, defaultValue = "60s",
      description = "How long the clients send (90s, 15m, ...).")
  Duration duration;

  @Option(names = "--heartbeat", paramLabel = "SECONDS", description = "The server's --heartbeat (whole seconds).")
  int heartbeatSeconds = 2;

  @Option(names = "--settle", paramLabel = "TIME", converter = DurationConverter.class, defaultValue = "120s",
      description = "How long to wait after sending for every member to have every acknowledged message.")
  Duration settle;

  @Option(names = "--sample-every", paramLabel = "TIME", converter = DurationConverter.class, defaultValue = "0",
      description = "Soak: sample the server's heap after GC, open files and threads this often (0: never).")
  Duration sampleEvery;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "The server's data directory (default: a temporary one, removed after a run that passed).")
  Path dataDir;

  @Option(names = "--postgres-admin", paramLabel = "URL",
      description = "Cluster: where to create (and drop) the run's database parley_chaos_<tag>.")
  String postgresAdmin = "postgresql://postgres@127.0.0.1:5432/postgres";

  @Option(names = "--redis", paramLabel = "URL", description = "Cluster: the nodes' Redis.")
  String redis = "redis://127.0.0.1:6379";

  @Option(names = "--keep-database", description = "Cluster: keep the run's database after a run that passed too (one that failed always keeps it).")
  boolean keepDatabase;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON to FILE.")
  Path json;

  @Option(names = "--dry-run", description = "Print the settings and the fault schedule, and exit.")
  boolean dryRun;

  @Override
  public Integer call() {
    ChaosSettings settings = settings();
    ChaosRun run = new ChaosRun(settings, spec.commandLine().getOut());
    if (dryRun) {
      run.printPlan();
      return 0;
    }
    QuietLogs.install(false); // hundreds of reconnects are the point here: warnings only
    try {
      return run.run().passed() ? 0 : 1;
    } catch (IllegalStateException | UncheckedIOException e) {
      spec.commandLine().getErr().println(ErrorLine.of(e.getMessage()));
      spec.commandLine().getErr().flush();
      return 1;
    } catch (Exception e) {
      spec.commandLine().getErr().println(ErrorLine.of("chaos run failed: " + e));
      spec.commandLine().getErr().flush();
      return 1;
    }
  }

  private ChaosSettings settings() {
    require(clients >= 1, "--clients must be at least 1");
    require(rooms >= 1, "--rooms must be at least 1");
    require(roomsPerClient >= 1 && roomsPerClient <= rooms, "--rooms-per-client must be between 1 and --rooms");
    require(nodes >= 1 && nodes <= 9, "--nodes must be 1 to 9");
    require(faults >= 0, "--kills must not be negative");
    require(nodes == 1 || validPostgres(), "--postgres-admin must look like postgresql://USER@HOST:PORT/DATABASE");
    require(nodes == 1 || redis.startsWith("redis://") || redis.startsWith("rediss://"),
        "--redis must look like redis://HOST:PORT");
    require(rate > 0 && rate <= 50, "--rate must be above 0 and at most 50 messages per second");
    require(duration.toMillis() >= 1000, "--duration must be at least 1s");
    require(heartbeatSeconds >= 1 && heartbeatSeconds <= 60, "--heartbeat must be 1 to 60 seconds");
    require(!settle.isNegative() && !settle.isZero(), "--settle must be positive");
    require(sampleEvery.isZero() || sampleEvery.toMillis() >= 1000, "--sample-every must be 0 or at least 1s");
    long s = seed != null ? seed : new SecureRandom().nextLong();
    String runTag = HexFormat.of().toHexDigits(new SecureRandom().nextInt()).substring(0, 6);
    return new ChaosSettings(clients, rooms, roomsPerClient, faults, s, rate, duration,
        Duration.ofSeconds(heartbeatSeconds), settle, sampleEvery, dataDir, json, runTag,
        nodes, postgresAdmin, redis, keepDatabase);
  }

  private boolean validPostgres() {
    try {
      dev.parley.server.store.postgres.PostgresUrl.parse(postgresAdmin);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void require(boolean ok, String problem) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), problem);
    }
  }
}
