package dev.parley.bench.jmh;

import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.store.GroupCommitter;
import dev.parley.server.store.NewMessage;
import dev.parley.server.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The store's group commit on a real SQLite file ({@code synchronous=FULL}): a burst of appends
 * submitted at once and awaited until every one is durable. Throughput is durable appends per
 * second; a burst of 1 is one transaction per message, larger bursts share the commit.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class GroupCommitBench {
  static final int BURST = 100;

  @Param({"1", "100"})
  int burst;

  private Path dir;
  private SqliteStore store;
  private GroupCommitter committer;
  private final NewMessage message = new NewMessage("lobby", "alice", "alice", "hello everyone", null);

  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("parley-jmh-");
    store = SqliteStore.open(dir);
    committer = new GroupCommitter(store, 1000, 10_000, ServerMetrics.NONE);
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    committer.close();
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Reported per append: JMH divides by {@link #BURST}; smaller bursts repeat to match. */
  @Benchmark
  @OperationsPerInvocation(BURST)
  public void appendDurably() throws InterruptedException {
    for (int done = 0; done < BURST; done += burst) {
      CountDownLatch stored = new CountDownLatch(burst);
      for (int i = 0; i < burst; i++) {
        if (!committer.submit(message, (appended, failure) -> stored.countDown())) {
          throw new IllegalStateException("queue full");
        }
      }
      if (!stored.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("appends not stored within 30 s");
      }
    }
  }
}
