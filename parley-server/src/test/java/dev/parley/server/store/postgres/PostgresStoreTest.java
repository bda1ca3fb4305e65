package dev.parley.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.store.Appended;
import dev.parley.server.store.MessageStore;
import dev.parley.server.store.MessageStoreContract;
import dev.parley.server.store.NewMessage;
import dev.parley.server.store.StoredMessage;
import dev.parley.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The message store contract on PostgreSQL, and what only a store shared by several nodes must
 * do: two stores on one database (two nodes) appending at once to the same rooms.
 */
class PostgresStoreTest extends MessageStoreContract {
  @RegisterExtension final PostgresDatabase database = new PostgresDatabase();

  @Override
  protected MessageStore open(Path dir) {
    return database.openStore();
  }

  private static NewMessage msg(String room, String sender, String text, String ref) {
    return new NewMessage(room, sender, sender, text, ref);
  }

  /**
   * A node frozen (SIGSTOP, a long GC pause) in the middle of a batch holds its rooms' counter
   * rows; PostgreSQL ends its idle transaction after a few seconds, so the other nodes wait
   * that long, not until the frozen one wakes.
   */
  @Test
  void aNodeFrozenInsideABatchHoldsTheOthersUpForSecondsNotForever() throws Exception {
    store.appendAll(List.of(msg("lobby", "ann", "first", "r1")));
    try (var frozenNode = ConnectionPool.open(PostgresUrl.parse(database.get().url()))) {
      Connection frozen = frozenNode.getConnection(); // never closed: PostgreSQL ends it
      frozen.setAutoCommit(false);
      try (Statement s = frozen.createStatement()) {
        s.execute("UPDATE rooms SET last_id = last_id WHERE name = 'lobby'"); // then nothing
      }
      long start = System.nanoTime();
      List<Appended> second = store.appendAll(List.of(msg("lobby", "bob", "second", "r2")));
      long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(second.get(0).message().id()).isEqualTo(2);
      assertThat(waitedMillis).isBetween(3_000L, 15_000L);
    }
  }

  @Test
  void twoNodesAppendingAtOnceToTheSameRoomsGiveGaplessUniqueIds() throws Exception {
    int batches = 40;
    try (MessageStore other = open(dir)) {
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService nodes = Executors.newFixedThreadPool(2);
      try {
        // The two nodes name the rooms of a batch in opposite orders: locking them as named
        // would deadlock.
        Future<List<Appended>> a = nodes.submit(appender(store, go, batches, "node-a", "x", "y"));
        Future<List<Appended>> b = nodes.submit(appender(other, go, batches, "node-b", "y", "x"));
        go.countDown();
        List<Appended> all = new ArrayList<>(a.get(60, TimeUnit.SECONDS));
        all.addAll(b.get(60, TimeUnit.SECONDS));
        for (String room : List.of("x", "y")) {
          List<Long> ids = all.stream().map(Appended::message).filter(m -> m.room().equals(room))
              .map(StoredMessage::id).sorted().toList();
          assertThat(ids).as(room).containsExactlyElementsOf(LongStream.rangeClosed(1, 4L * batches).boxed().toList());
          assertThat(store.range(room, 0, 1000, 1000)).hasSize(4 * batches);
          assertThat(other.lastId(room)).isEqualTo(4L * batches);
        }
      } finally {
        nodes.shutdownNow();
      }
    }
  }

  private static Callable<List<Appended>> appender(
      MessageStore node, CountDownLatch go, int batches, String sender, String first, String second) {
    return () -> {
      go.await();
      List<Appended> out = new ArrayList<>();
      for (int i = 0; i < batches; i++) {
        out.addAll(node.appendAll(List.of(
            msg(first, sender, "1", sender + "-" + i + "-1"), msg(second, sender, "2", null),
            msg(second, sender, "3", sender + "-" + i + "-3"), msg(first, sender, "4", null))));
      }
      return out;
    };
  }

  @Test
  void aRefRetriedThroughAnotherNodeGetsTheOriginalOutcome() {
    Appended original = store.appendAll(List.of(msg("lobby", "alice", "hello", "r1"))).get(0);
    try (MessageStore other = open(dir)) {
      List<Appended> retried = other.appendAll(List.of(msg("lobby", "alice", "hello", "r1"), msg("lobby", "bob", "hi", "r1")));

      assertThat(retried.get(0).duplicate()).isTrue();
      assertThat(retried.get(0).message()).isEqualTo(original.message());
      assertThat(retried.get(1).duplicate()).isFalse();
      assertThat(retried.get(1).message().id()).isEqualTo(2);
    }
  }

  @Test
  void aFailedBatchStoresNothingAndUsesNoId() throws Exception {
    store.appendAll(List.of(msg("lobby", "alice", "one", null)));
    try (Connection c = database.get().connect(); Statement s = c.createStatement()) {
      // A batch is refused as a whole: the second room's insert breaks a check made for this test.
      s.execute("ALTER TABLE messages ADD CONSTRAINT no_boom CHECK (text <> 'boom')");
      List<NewMessage> doomed = List.of(msg("lobby", "alice", "two", "r2"), msg("other", "alice", "boom", null));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.appendAll(doomed))
          .isInstanceOf(dev.parley.server.store.StoreException.class);
      s.execute("ALTER TABLE messages DROP CONSTRAINT no_boom");
    }
    assertThat(store.lastId("other")).isZero();
    assertThat(store.publicRooms(10)).extracting(r -> r.name()).containsExactly("lobby");
    Appended next = store.appendAll(List.of(msg("lobby", "alice", "two", "r2"))).get(0);
    assertThat(next.duplicate()).isFalse();
    assertThat(next.message().id()).isEqualTo(2);
  }

  @Test
  void nodesStartingTogetherOnANewDatabaseCreateTheSchemaOnce() throws Exception {
    try (TestDatabase fresh = TestDatabase.create()) {
      int nodes = 4;
      ExecutorService starts = Executors.newFixedThreadPool(nodes);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<PostgresStore>> opened = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        opened.add(starts.submit(() -> {
          go.await();
          return PostgresStore.open(PostgresUrl.parse(fresh.url()));
        }));
      }
      go.countDown();
      try {
        for (Future<PostgresStore> f : opened) {
          try (PostgresStore s = f.get(60, TimeUnit.SECONDS)) {
            assertThat(s.lastId("lobby")).isZero();
          }
        }
      } finally {
        starts.shutdownNow();
      }
      try (Connection c = fresh.connect(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(
              "SELECT count(*), count(DISTINCT version) FROM flyway_schema_history WHERE success")) {
        rs.next();
        // Each migration (V1 schema, V2 cluster id, V3 bots, V4 conversation) applied once, by one of the nodes.
        assertThat(rs.getInt(1)).isEqualTo(4);
        assertThat(rs.getInt(2)).isEqualTo(4);
      }
    }
  }

  /**
   * A database of schema version 3 (before search) gets its messages' search words when a
   * server of today starts on it: they are found like new ones.
   */
  @Test
  void messagesStoredBeforeSearchExistedAreFoundAfterTheUpgrade() throws Exception {
    try (TestDatabase old = TestDatabase.create()) {
      org.flywaydb.core.Flyway.configure().dataSource(old.jdbcUrl(), "postgres", null)
          .locations(Migrations.LOCATION).target("3").load().migrate();
      try (Connection c = old.connect(); Statement s = c.createStatement()) {
        s.execute("INSERT INTO rooms(name, last_id, created) VALUES('lobby', 2, 0)");
        s.execute("INSERT INTO messages(room, id, ts, sender, sender_key, text) VALUES"
            + "('lobby', 1, 0, 'ann', 'ann#1', 'Old News'), ('lobby', 2, 0, 'ann', 'ann#1', 'newer news')");
      }
      try (PostgresStore upgraded = PostgresStore.open(PostgresUrl.parse(old.url()))) {
        assertThat(upgraded.search("lobby", List.of("news"), 0, 10)).extracting(StoredMessage::id).containsExactly(2L, 1L);
        assertThat(upgraded.search("lobby", List.of("old"), 0, 10)).extracting(StoredMessage::text).containsExactly("Old News");
        assertThat(upgraded.range("lobby", 0, 10, 10)).extracting(StoredMessage::editOf, StoredMessage::deleted)
            .containsOnly(org.assertj.core.groups.Tuple.tuple(0L, false));
        Appended edit = upgraded.appendAll(List.of(
            new NewMessage("lobby", "ann", "ann#1", "fresh", null, false, 1, 0, false))).get(0);
        assertThat(edit.message().id()).isEqualTo(3);
        assertThat(upgraded.search("lobby", List.of("fresh"), 0, 10)).extracting(StoredMessage::id).containsExactly(1L);
      }
    }
  }
}
