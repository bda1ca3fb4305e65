package dev.parley.bench.jmh;

import dev.parley.server.store.MessageStore;
import dev.parley.server.store.StoredMessage;
import dev.parley.server.store.postgres.PostgresStore;
import dev.parley.server.store.postgres.PostgresUrl;
import dev.parley.server.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Search in a room of 100,000 messages (and 20,000 more in other rooms; 1% edited, 0.5%
 * deleted), on a real SQLite file or a PostgreSQL database of its own on the {@code postgres}
 * server: 1,000 queries of 1 to 3 words, common, middling and rare, taken in turn, 20 results
 * each. Sampled, so JMH reports the percentiles of one search's time (the aim: p99 under 100
 * ms). Before measuring, the first queries' answers are checked against the corpus's own.
 * PostgreSQL's table is analyzed once filled, as autovacuum would soon do.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 2, time = 5)
@Fork(1)
public class SearchBench {
  static final int MESSAGES = 100_000;
  static final int ELSEWHERE = 20_000;
  static final int QUERIES = 1_000;
  static final int LIMIT = 20;
  /** How many of the queries are checked against the right answer before measuring. */
  static final int CHECKED = 100;

  @Param({"sqlite", "postgres"})
  String store;

  /** The PostgreSQL server; the benchmark makes (and drops) a database of its own on it. */
  @Param("postgresql://postgres@127.0.0.1:5432/postgres")
  String postgres;

  private Path dir;
  private String database;
  private MessageStore messages;
  private List<List<String>> queries;
  private int next;

  @Setup(Level.Trial)
  public void fill() throws IOException, SQLException {
    if (store.equals("sqlite")) {
      dir = Files.createTempDirectory("parley-jmh-search-");
      messages = SqliteStore.open(dir);
    } else {
      database = "parley_search_bench_" + ProcessHandle.current().pid();
      sql(null, "CREATE DATABASE " + database);
      PostgresUrl server = PostgresUrl.parse(postgres);
      messages = PostgresStore.open(
          new PostgresUrl(server.user(), server.password(), server.host(), server.port(), database));
    }
    SearchCorpus corpus = new SearchCorpus(20261206L);
    corpus.fill(messages, MESSAGES, ELSEWHERE);
    if (database != null) {
      // Statistics, as autovacuum gathers them a minute or so after a table changed this much.
      sql(database, "ANALYZE messages");
    }
    queries = corpus.queries(QUERIES);
    for (List<String> query : queries.subList(0, CHECKED)) {
      List<Long> found = messages.search(SearchCorpus.ROOM, query, 0, LIMIT).stream().map(StoredMessage::id).toList();
      List<Long> right = corpus.expected(query, LIMIT);
      if (!found.equals(right)) {
        throw new IllegalStateException("search " + query + " found " + found + ", the right answer is " + right);
      }
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException, SQLException {
    messages.close();
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    if (database != null) {
      sql(null, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  /** Runs a statement in {@code db}, or in the {@code postgres} URL's own database when null. */
  private void sql(String db, String sql) throws SQLException {
    PostgresUrl server = PostgresUrl.parse(postgres);
    if (db != null) {
      server = new PostgresUrl(server.user(), server.password(), server.host(), server.port(), db);
    }
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Benchmark
  public List<StoredMessage> search() {
    List<String> query = queries.get(next);
    next = (next + 1) % queries.size();
    return messages.search(SearchCorpus.ROOM, query, 0, LIMIT);
  }
}
