package dev.parley.app.serve;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.parley.app.TempTrees;
import dev.parley.bench.gen.BenchClient;
import dev.parley.bench.gen.BenchException;
import dev.parley.bench.gen.Events;
import dev.parley.bench.gen.Generator;
import dev.parley.bench.gen.Pacer;
import dev.parley.bench.gen.Target;
import dev.parley.bench.run.ParleyLogin;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Runs chat traffic through a throwaway server in this JVM before the real one starts, so that
 * the JIT compiler has compiled the hot path (codec, sessions, rooms, fan-out, the store's
 * writer, both transports) before the first client comes. Without it, a server restarted
 * under load spends its first seconds compiling on the CPU its clients need. The traffic is
 * the bench's generator over loopback, into a scratch data directory deleted after; it ends
 * when the compiler goes quiet, or at the limit. A warm-up that fails only means a cold start.
 */
final class JitWarmUp {
  private static final String LOOPBACK = "127.0.0.1";
  private static final int ROOMS = 20;
  private static final int MEMBERS = 10;
  private static final double MESSAGES_PER_SECOND = 2_000;
  private static final long ROUND_MILLIS = 500;
  /** The compiler is quiet when a round's compiling took less than this share of the round. */
  private static final double QUIET_SHARE = 0.10;
  private static final Events IGNORED =
      new Events() {
        @Override
        public void delivered(int step, long sentNanos) {}

        @Override
        public void trouble(String what) {}
      };

  /** How long it took, and why it stopped short ({@code null} when it did not). */
  record Outcome(Duration took, String failure) {}

  private JitWarmUp() {}

  /** Warms up for at most about {@code limit}; never throws. */
  static Outcome run(Duration limit) {
    long start = System.nanoTime();
    if (limit.isZero()) {
      return new Outcome(Duration.ZERO, null);
    }
    Logger serverLog = (Logger) LoggerFactory.getLogger("dev.parley");
    Level level = serverLog.getLevel();
    serverLog.setLevel(Level.ERROR); // the throwaway server's lines would mislead an operator
    Path scratch = null;
    String failure = null;
    try {
      scratch = Files.createTempDirectory("parley-warm-up");
      traffic(scratch, start + limit.toNanos());
    } catch (IOException | RuntimeException e) {
      failure = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = "interrupted";
    } finally {
      serverLog.setLevel(level);
      if (scratch != null) {
        TempTrees.delete(scratch);
      }
    }
    return new Outcome(Duration.ofNanos(System.nanoTime() - start), failure);
  }

  private static void traffic(Path scratch, long deadline) throws InterruptedException {
    ServerConfig config = ServerConfig.forTests(scratch)
        .withRatePerSecond(1_000_000)
        .withMaxConnectionsPerAddress(1_000_000)
        .withMaxRoomMembers(1_000_000);
    ParleyServer server = ParleyServer.start(config);
    try (Generator generator = new Generator()) {
      int tcpPort = server.tcpAddress().getPort();
      int httpPort = server.httpAddress().orElseThrow().getPort();
      String token = ParleyLogin.token(LOOPBACK, tcpPort);
      List<Target> targets = List.of(
          new Target(Target.System.PARLEY, Target.Transport.TCP, LOOPBACK, tcpPort),
          new Target(Target.System.PARLEY, Target.Transport.WS, LOOPBACK, httpPort));
      List<BenchClient> clients = generator.connect(
          targets, ROOMS * MEMBERS, i -> "warm-up-" + (i % ROOMS), i -> null, token, i -> IGNORED,
          Math.max(1, millisTo(deadline)));
      try {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        long compiled = compiler.getTotalCompilationTime();
        while (millisTo(deadline) > ROUND_MILLIS) {
          try {
            Pacer.run(generator, clients, MESSAGES_PER_SECOND, ROUND_MILLIS, 0, millisTo(deadline) - ROUND_MILLIS);
          } catch (BenchException tooSlow) {
            break; // the limit came first: as warm as this machine allowed
          }
          long before = compiled;
          compiled = compiler.getTotalCompilationTime();
          if (compiled - before < ROUND_MILLIS * QUIET_SHARE) {
            break;
          }
        }
      } finally {
        Generator.closeAll(clients);
      }
    } finally {
      server.close();
    }
  }

  private static long millisTo(long deadline) {
    return (deadline - System.nanoTime()) / 1_000_000;
  }
}
