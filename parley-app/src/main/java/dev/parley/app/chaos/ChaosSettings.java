package dev.parley.app.chaos;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One chaos run's settings, checked by {@link ChaosCommand}.
 *
 * @param runTag a few characters in every user and room name, so that a data directory used
 *     before still starts this run's rooms empty
 * @param dataDir the server's data directory, or {@code null} for a temporary one
 * @param sampleEvery how often to sample the server's heap and descriptors (soak), or zero
 * @param nodes servers: 1 is a single server on SQLite in the data directory, more a cluster on
 *     a PostgreSQL database of the run's own and Redis
 * @param postgresAdmin a PostgreSQL database the run connects to in order to create (and drop)
 *     the cluster's database, as {@code postgresql://USER@HOST:PORT/DATABASE}
 * @param redis the cluster's Redis
 * @param keepDatabase keep the cluster's database after a run that passed too
 */
record ChaosSettings(
    int clients,
    int rooms,
    int roomsPerClient,
    int faults,
    long seed,
    double rate,
    Duration duration,
    Duration heartbeat,
    Duration settle,
    Duration sampleEvery,
    Path dataDir,
    Path json,
    String runTag,
    int nodes,
    String postgresAdmin,
    String redis,
    boolean keepDatabase) {

  boolean cluster() {
    return nodes > 1;
  }

  /** The header line: everything needed to repeat the run. */
  String describe() {
    return String.format(java.util.Locale.ROOT,
        "chaos: seed %d, %d clients, %d rooms (%d per client), %d faults, %s msg/s per client for %s, heartbeat %s",
        seed, clients, rooms, roomsPerClient, faults, trim(rate), Seconds.format(duration),
        Seconds.format(heartbeat)) + (cluster() ? ", " + nodes + " nodes" : "");
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
