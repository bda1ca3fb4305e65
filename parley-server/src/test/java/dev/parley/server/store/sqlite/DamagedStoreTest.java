package dev.parley.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.store.NewMessage;
import dev.parley.server.store.StoreException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a damaged store fails with one sentence naming the file and the problem, and leaves
 * the file byte for byte as it was: never a silent new, empty store in its place.
 */
class DamagedStoreTest {
  private static final int PAGE = 4096;

  @TempDir Path dir;

  @Test
  void garbageOverTheHeaderIsNotADatabase() throws IOException {
    Path file = storeWithHistory();
    overwrite(file, 0, "this is no SQLite header".getBytes(StandardCharsets.US_ASCII));

    assertRefused(file, "is not a SQLite database");
  }

  @Test
  void aFileThatNeverWasSqliteIsNotADatabase() throws IOException {
    Path file = Files.writeString(dir.resolve(SqliteStore.FILE_NAME), "name,password\nalice,secret\n");

    assertRefused(file, "is not a SQLite database");
  }

  @Test
  void aTruncatedFileIsDamaged() throws IOException {
    Path file = storeWithHistory();
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(raf.length() / 2);
    }

    assertRefused(file, "is damaged");
  }

  @Test
  void aDamagedPageDeepInTheFileIsFoundAtOpen() throws IOException {
    Path file = storeWithHistory();
    long pages = Files.size(file) / PAGE;
    byte[] junk = new byte[PAGE];
    Arrays.fill(junk, (byte) 0xFF);
    overwrite(file, (pages * 2 / 3) * PAGE, junk);

    assertRefused(file, "is damaged");
  }

  @Test
  void anEmptyFileIsRefusedNotTakenForANewStore() throws IOException {
    Path file = Files.createFile(dir.resolve(SqliteStore.FILE_NAME));

    assertRefused(file, "is empty (0 bytes)");
  }

  @Test
  void aSoundStoreWithHistoryOpens() throws IOException {
    storeWithHistory();

    try (SqliteStore store = SqliteStore.open(dir)) {
      assertThat(store.lastId("lobby")).isEqualTo(2000);
    }
  }

  /**
   * A real store with a few hundred pages of history, closed (so its WAL is checkpointed into
   * the file). Texts are short enough to sit in the b-tree pages themselves, not in overflow
   * pages, so every page past the schema is one that {@code quick_check} inspects.
   */
  private Path storeWithHistory() throws IOException {
    try (SqliteStore store = SqliteStore.open(dir)) {
      for (int batch = 0; batch < 20; batch++) {
        List<NewMessage> messages = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          messages.add(new NewMessage("lobby", "alice", "alice", "x".repeat(300) + i, null));
        }
        store.appendAll(messages);
      }
    }
    Path file = dir.resolve(SqliteStore.FILE_NAME);
    assertThat(files()).as("files after a clean close").containsExactly(file);
    assertThat(Files.size(file)).as("history size").isGreaterThan(100L * PAGE);
    return file;
  }

  private void assertRefused(Path file, String problem) throws IOException {
    byte[] before = Files.readAllBytes(file);
    List<Path> filesBefore = files();

    assertThatThrownBy(() -> SqliteStore.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith(file.toAbsolutePath() + " " + problem)
        .hasMessageContaining("it was left as it is")
        .hasMessageNotContaining("\n");

    assertThat(Files.readAllBytes(file)).as("the file is untouched").isEqualTo(before);
    assertThat(files()).as("files in the data directory").isEqualTo(filesBefore);
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> listing = Files.list(dir)) {
      return listing.sorted().toList();
    }
  }

  private static void overwrite(Path file, long offset, byte[] bytes) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(offset);
      raf.write(bytes);
    }
  }
}
