package dev.parley.app;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts {@link ServerProcess}es for one test and cleans up after it: when the test failed it
 * prints each server's output (and only then), and it kills whatever is still running.
 */
final class ServerProcesses implements AfterEachCallback {
  private final List<ServerProcess> started = new CopyOnWriteArrayList<>();

  ServerProcess start(Path dataDir, String... extraArgs) {
    return track(ServerProcess.start(dataDir, extraArgs));
  }

  /** A server on a fixed TCP port, for tests that restart it where its clients look. */
  ServerProcess startOnPort(Path dataDir, int tcpPort, String... extraArgs) {
    return track(ServerProcess.start(dataDir, tcpPort, extraArgs));
  }

  /** A server started with only {@code args} and these environment variables. */
  ServerProcess startWithEnvironment(java.util.Map<String, String> environment, String... args) {
    return track(ServerProcess.startWithEnvironment(environment, List.of(args)));
  }

  /** A new server on the port, data directory and flags of one that has exited. */
  ServerProcess startAgain(ServerProcess exited) {
    return track(exited.startAgain());
  }

  /** SIGKILL, then a new server on the same port, data directory and flags. */
  ServerProcess killAndRestart(ServerProcess server) {
    server.kill9();
    return track(server.startAgain());
  }

  private ServerProcess track(ServerProcess server) {
    started.add(server);
    return server;
  }

  /** Another server on {@code stopped}'s data dir, ports and flags; stop {@code stopped} first. */
  ServerProcess startLike(ServerProcess stopped) {
    ServerProcess next = ServerProcess.startLike(stopped);
    started.add(next);
    return next;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    for (ServerProcess server : started) {
      if (server.isAlive()) {
        server.kill9();
      }
      if (context.getExecutionException().isPresent()) {
        System.err.printf(
            "---- server %d of %s: stdout%n%s%n---- stderr%n%s----%n",
            started.indexOf(server) + 1,
            context.getDisplayName(),
            String.join("\n", server.stdoutLines()),
            server.stderr());
      }
    }
    started.clear();
  }
}
