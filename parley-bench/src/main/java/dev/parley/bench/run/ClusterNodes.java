package dev.parley.bench.run;

import dev.parley.bench.gen.BenchException;
import dev.parley.bench.gen.Target;
import dev.parley.bench.gen.Target.Transport;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster of Parley nodes for the {@code cluster} scenarios: a database of its own
 * ({@link ClusterDatabase}) and {@code count} {@code parley serve --postgres … --redis …} child
 * processes, pinned like the single server and started one after the other. Closing stops the
 * nodes, then drops the database.
 */
public final class ClusterNodes implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";

  /**
   * @param count nodes to start
   * @param postgres a database on the PostgreSQL server to use (the bench connects to it only to
   *     create and drop a database of its own)
   * @param redis {@code redis://HOST:PORT}
   */
  public record Spec(int count, String postgres, String redis) {}

  private final ClusterDatabase database;
  private final List<ChildServer> nodes = new ArrayList<>();
  private String token;

  private ClusterNodes(ClusterDatabase database) {
    this.database = database;
  }

  static ClusterNodes start(Spec spec, Pinning pinning, List<String> jvmOptions, Path workDir) {
    URI redis;
    try {
      redis = new URI(spec.redis());
    } catch (URISyntaxException e) {
      redis = URI.create("bad:/");
    }
    if (!"redis".equals(redis.getScheme()) || redis.getHost() == null) {
      throw new BenchException("--cluster-redis takes redis://HOST:PORT, not " + spec.redis());
    }
    Lab.loopback("--cluster-redis", redis.getHost() + ":" + (redis.getPort() < 0 ? 6379 : redis.getPort()));
    ClusterNodes cluster = new ClusterNodes(ClusterDatabase.create(spec.postgres()));
    try {
      for (int i = 1; i <= spec.count(); i++) {
        List<String> args = new ArrayList<>(List.of("serve", "--bind", LOOPBACK, "--tcp-port", "0", "--http-port", "0",
            "--data-dir", workDir.resolve("node" + i + "-data").toString(),
            "--postgres", cluster.database.serveUrl(), "--redis", spec.redis()));
        args.addAll(Lab.PARLEY_FLAGS);
        cluster.nodes.add(ChildServer.start("node" + i, pinning, jvmOptions, Lab.PARLEY_MAIN, args,
            workDir.resolve("node" + i + ".log")));
      }
      // One account on the shared database: its token logs in on every node.
      cluster.token = ParleyLogin.token(LOOPBACK, cluster.nodes.get(0).tcpPort());
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** The TCP listeners of the first {@code n} nodes. */
  public List<Target> tcpTargets(int n) {
    return nodes.subList(0, Math.min(n, nodes.size())).stream()
        .map(node -> new Target(Target.System.PARLEY, Transport.TCP, LOOPBACK, node.tcpPort()))
        .toList();
  }

  public int size() {
    return nodes.size();
  }

  /** The bench user's token, valid on every node. */
  public String token() {
    return token;
  }

  /** For the report: the database, Redis and each node's command and pid. */
  public String describe() {
    StringBuilder s = new StringBuilder(nodes.size() + " nodes on " + database.describe());
    for (ChildServer node : nodes) {
      s.append("; ").append(node.name()).append(" pid ").append(node.pid()).append(": ").append(node.commandLine()
          .replace(database.serveUrl(), database.describe()));
    }
    return s.toString();
  }

  /** Throws when a node has died (its log says why). */
  void checkAlive(Path workDir) {
    for (ChildServer node : nodes) {
      if (!node.isAlive()) {
        throw new BenchException(node.name() + " of the cluster died; its log: " + workDir.resolve(node.name() + ".log"));
      }
    }
  }

  @Override
  public void close() {
    nodes.forEach(ChildServer::close);
    database.close();
  }
}
