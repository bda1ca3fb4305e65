package dev.parley.app;

import static org.awaitility.Awaitility.await;

import dev.parley.testkit.Haproxy;
import dev.parley.testkit.HaproxyConfig;
import dev.parley.testkit.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real {@code parley serve --postgres --redis} nodes on one database of the test's own, each
 * with its own data directory, and a real HAProxy in front of them. The nodes share the
 * machine's Redis, but a cluster is named by its database, so tests never hear each other. After each test it stops HAProxy,
 * kills the nodes and drops the database, in that order; when the test failed it prints
 * HAProxy's log and the nodes' output first.
 */
final class HaproxyCluster implements AfterEachCallback {
  static final String REDIS = "redis://127.0.0.1:6379";
  private final ServerProcesses servers = new ServerProcesses();
  private final List<ServerProcess> nodes = new ArrayList<>();
  private TestDatabase database;
  private Haproxy haproxy;

  /** {@code count} nodes (named n1, n2, …) and HAProxy in front, every node UP. */
  Haproxy start(Path dir, int count, String... extraArgs) {
    database = TestDatabase.create();
    List<HaproxyConfig.Node> behind = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      List<String> args = new ArrayList<>(List.of("--postgres", database.url(), "--redis", REDIS));
      args.addAll(List.of(extraArgs));
      ServerProcess node = servers.start(dir.resolve("n" + i), args.toArray(String[]::new));
      nodes.add(node);
      behind.add(new HaproxyConfig.Node("n" + i, "127.0.0.1", node.tcpAddress().getPort(), node.httpPort()));
    }
    haproxy = Haproxy.start(behind);
    return haproxy;
  }

  /** The node named {@code name} (n1, n2, …). */
  ServerProcess node(String name) {
    return nodes.get(index(name));
  }

  /**
   * Stops the node named {@code name} with SIGTERM, waits for it to exit, and starts it again
   * with the same ports, data directory and flags, as an operator's rolling restart does.
   * Returns the exit status of the stopped process once the new one listens.
   */
  int restart(String name) {
    ServerProcess old = nodes.get(index(name));
    int status = old.sigterm();
    nodes.set(index(name), servers.startLike(old));
    return status;
  }

  private static int index(String name) {
    return Integer.parseInt(name.substring(1)) - 1;
  }

  /**
   * The one node that HAProxy's {@code backend} has connections to, once exactly one has
   * {@code connections} of them and the others none.
   */
  String holderOf(String backend, int connections) {
    String[] holder = new String[1];
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      Map<String, Integer> sessions = haproxy.sessions(backend);
      List<String> busy = sessions.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList();
      if (busy.size() == 1 && sessions.get(busy.get(0)) == connections) {
        holder[0] = busy.get(0);
        return true;
      }
      return false;
    });
    return holder[0];
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (haproxy != null) {
      haproxy.close();
      if (context.getExecutionException().isPresent()) {
        System.err.printf("---- haproxy of %s%n%s----%n", context.getDisplayName(), haproxy.log());
      }
    }
    servers.afterEach(context);
    if (database != null) {
      database.close();
    }
  }
}
