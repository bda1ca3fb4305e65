package dev.parley.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.store.NewMessage;
import dev.parley.server.store.StoredMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deleted message's text leaves no trace in the files of the data directory (the database,
 * its write-ahead log and shared memory), neither in the messages nor in the search index, as
 * someone reading the files byte by byte would look for it.
 */
class ErasureTest {
  private static final String WORD = "zqxjvortex4471";
  private static final String TEXT = "Launch Code Tango: " + WORD + " at the north gate";
  private static final String EDITED = "Corrected launch plan " + WORD + " moved to Kestrel Ridge";

  @TempDir Path dir;

  @Test
  void aDeletedMessagesTextAndItsEditsLeaveNoBytesInAnyFile() throws Exception {
    List<Long> secrets = new ArrayList<>();
    try (SqliteStore store = SqliteStore.open(dir)) {
      for (int batch = 0; batch < 20; batch++) {
        List<NewMessage> messages = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          messages.add(said("lobby", "filler " + batch + " " + i + " with some ordinary words to fill pages"));
          messages.add(said("other", "elsewhere " + batch + " " + i));
        }
        if (batch % 4 == 1) {
          messages.add(said("lobby", TEXT + " #" + batch));
        }
        for (var appended : store.appendAll(messages)) {
          if (appended.message().text().contains(WORD)) {
            secrets.add(appended.message().id());
          }
        }
      }
      assertThat(secrets).hasSize(5);
      store.appendAll(List.of(new NewMessage("lobby", "alice", "alice#1", EDITED, null, false, secrets.get(2), 0, false)));
      assertThat(store.search("lobby", List.of(WORD), 0, 10)).hasSize(5);
      // The control: stored, the word is in the files (else the checks below prove nothing).
      assertThat(filesContaining(WORD)).isNotEmpty();
      assertThat(filesContaining(EDITED)).isNotEmpty();

      for (long id : secrets) {
        store.appendAll(List.of(new NewMessage("lobby", "alice", "alice#1", "", null, false, 0, id, false)));
      }

      assertThat(store.search("lobby", List.of(WORD), 0, 10)).isEmpty();
      assertThat(store.range("lobby", 0, 10_000, 10_000)).extracting(StoredMessage::text).noneMatch(t -> t.contains(WORD));
      assertThat(filesContaining(WORD)).isEmpty();
      assertThat(filesContaining("Launch Code Tango")).isEmpty();
      assertThat(filesContaining("Kestrel Ridge")).isEmpty();
    }
    assertThat(filesContaining(WORD)).isEmpty();
    assertThat(filesContaining("Kestrel Ridge")).isEmpty();
    try (SqliteStore reopened = SqliteStore.open(dir)) {
      assertThat(reopened.range("lobby", 0, 10_000, 10_000)).hasSize(2000 + 5 + 1 + 5);
      assertThat(reopened.search("lobby", List.of("filler"), 0, 3)).hasSize(3);
    }
  }

  private static NewMessage said(String room, String text) {
    return new NewMessage(room, "alice", "alice#1", text, null);
  }

  /** The files of the data directory that hold {@code text}'s UTF-8 bytes. */
  private List<Path> filesContaining(String text) throws IOException {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    List<Path> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (indexOf(Files.readAllBytes(file), needle) >= 0) {
          found.add(file.getFileName());
        }
      }
    }
    return found;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
