package dev.parley.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.faults.Unwritable;
import dev.parley.server.store.NewMessage;
import dev.parley.server.store.StoreException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store opens one connection per thread, on first use. A thread whose first use falls while
 * the files are read-only gets a connection SQLite opened read-only for good; once the files are
 * writable again, its next write must work all the same. Meanwhile it can still open a room
 * that was stored before (a join), since that needs no write.
 */
class ReadOnlyFilesTest {
  @TempDir Path dir;
  private SqliteStore store;
  private final ExecutorService reader = Executors.newSingleThreadExecutor();
  private final ExecutorService writer = Executors.newSingleThreadExecutor();

  @BeforeEach
  void open() {
    store = SqliteStore.open(dir);
  }

  @AfterEach
  void close() {
    reader.shutdownNow();
    writer.shutdownNow();
    store.close();
  }

  @Test
  void aConnectionFirstOpenedWhileTheFilesWereReadOnlyWritesOnceTheyAreWritable() throws Exception {
    store.appendAll(List.of(new NewMessage("known", "bob", "bob", "hi", null)));
    Path db = dir.resolve(SqliteStore.FILE_NAME);
    try (Unwritable readOnly = Unwritable.make(db, Path.of(db + "-wal"))) {
      // opens the reader's connection, read-only
      assertThat(on(reader, () -> store.lastId("known"))).isEqualTo(1L);
      assertThatThrownBy(() -> on(writer, () -> store.appendAll(List.of(message("lost")))))
          .hasCauseInstanceOf(StoreException.class);
    }

    assertThat(on(reader, () -> { // a write on the reader's connection, as a room's policy is
      store.addOwner("lobby", "alice");
      return store.policy("lobby").owners();
    })).containsExactly("alice");
    assertThat(on(writer, () -> store.appendAll(List.of(message("kept")))).get(0).message().id())
        .isEqualTo(1);
    assertThat(on(reader, () -> store.range("lobby", 0, 10, 10)))
        .extracting(m -> m.text())
        .containsExactly("kept");
    assertThat(on(reader, () -> store.publicRooms(10))).extracting(r -> r.name()).containsExactly("known", "lobby");
  }

  private static NewMessage message(String text) {
    return new NewMessage("lobby", "alice", "alice", text, null);
  }

  private static <T> T on(ExecutorService thread, Supplier<T> work)
      throws InterruptedException, ExecutionException, TimeoutException {
    return thread.submit(work::get).get(30, TimeUnit.SECONDS);
  }
}
