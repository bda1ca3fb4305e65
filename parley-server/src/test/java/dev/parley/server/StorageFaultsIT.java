package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.faults.SmallFileSystem;
import dev.parley.server.faults.Unwritable;
import dev.parley.server.store.sqlite.SqliteStore;
import dev.parley.testkit.WireClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real storage faults under a running server: a full file system (a small tmpfs filled to the
 * last byte) and store files turned read-only mid-run ({@code chattr +i}). Either way a send the
 * store cannot take is answered {@code internal} with its ref and no ack, nobody is sent a
 * message that was not stored, reads go on working, and once the store can write again the
 * next send is stored by itself with the next id: no hole, no restart.
 */
class StorageFaultsIT {
  private static final int UNLIMITED = 100_000;
  private static final Duration QUIET = Duration.ofMillis(300);
  private static final String ROOM = "r";
  private static final String PASSWORD = "correct horse";

  @TempDir Path dir;

  @Test
  void aFullDiskRefusesSendsAndTheStoreRecoversWhenSpaceReturns() throws Exception {
    Path data = dir.resolve("small");
    try (SmallFileSystem disk = SmallFileSystem.mount(data, 8);
        ParleyServer server = start(data);
        WireClient alice = WireClient.guest(server.tcpAddress(), "alice");
        WireClient bob = WireClient.guest(server.tcpAddress(), "bob")) {
      joinBoth(alice, bob);
      List<JsonNode> stored = new ArrayList<>();
      stored.add(sendStored(alice, bob, "before the disk filled", "b1"));

      disk.fill();
      // Until the first refusal a send may still fit in space SQLite had already taken for its
      // log; such a send is stored, acked and delivered like any other.
      String refusedRef = null;
      String refusedText = null;
      for (int i = 1; i <= 200 && refusedRef == null; i++) {
        String ref = "full-" + i;
        String text = i + " " + "x".repeat(4000);
        alice.sendFrame("type", "send", "room", ROOM, "text", text, "ref", ref);
        JsonNode reply = alice.next();
        if (reply.path("type").asText().equals("ack")) {
          stored.add(delivered(alice, bob, reply, ref, text));
        } else {
          assertInternal(reply, ref);
          refusedRef = ref;
          refusedText = text;
        }
      }
      assertThat(refusedRef).as("a send refused while the disk is full").isNotNull();
      alice.assertNoMoreFrames(QUIET);
      bob.assertNoMoreFrames(QUIET);
      assertReadsStillWork(server, alice, bob, stored);

      disk.free();

      JsonNode retried = sendStored(alice, bob, refusedText, refusedRef);
      assertThat(retried.path("id").asLong()).as("the next id, no hole").isEqualTo(stored.size() + 1);
      stored.add(retried);
      assertRetryIsTheOriginalAck(alice, bob, refusedText, retried);
      assertReadsStillWork(server, alice, bob, stored);
    }
  }

  @Test
  void aStoreMadeReadOnlyMidRunRefusesSendsUntilItIsWritableAgain() throws Exception {
    Path data = dir.resolve("data");
    try (ParleyServer server = start(data);
        WireClient alice = WireClient.guest(server.tcpAddress(), "alice");
        WireClient bob = WireClient.guest(server.tcpAddress(), "bob")) {
      joinBoth(alice, bob);
      List<JsonNode> stored = new ArrayList<>();
      stored.add(sendStored(alice, bob, "before", "b1"));
      stored.add(sendStored(alice, bob, "still fine", "b2"));

      Path db = data.resolve(SqliteStore.FILE_NAME);
      try (Unwritable readOnly = Unwritable.make(db, Path.of(db + "-wal"))) {
        alice.sendFrame("type", "send", "room", ROOM, "text", "frozen one", "ref", "ro-1");
        assertInternal(alice.next(), "ro-1");
        alice.sendFrame("type", "send", "room", ROOM, "text", "frozen two", "ref", "ro-2");
        assertInternal(alice.next(), "ro-2");
        alice.sendFrame("type", "join", "room", "never-seen", "ref", "j1");
        assertThat(alice.expect("joined").path("last").asLong()).isZero(); // joining writes nothing
        try (WireClient dora = WireClient.connect(server.tcpAddress())) {
          dora.sendFrame("type", "register", "user", "dora", "password", PASSWORD, "ref", "reg");
          assertInternal(dora.next(), "reg"); // nor an account
        }
        alice.assertNoMoreFrames(QUIET);
        bob.assertNoMoreFrames(QUIET);
        assertReadsStillWork(server, alice, bob, stored);
      }

      stored.add(sendStored(alice, bob, "frozen one", "ro-1"));
      stored.add(sendStored(alice, bob, "frozen two", "ro-2"));
      assertThat(stored).extracting(a -> a.path("id").asLong()).containsExactly(1L, 2L, 3L, 4L);
      assertRetryIsTheOriginalAck(alice, bob, "frozen one", stored.get(2));
      alice.sendFrame("type", "join", "room", "never-seen", "ref", "j2");
      assertThat(alice.expect("joined").path("ref").asText()).isEqualTo("j2");
      try (WireClient dora = WireClient.connect(server.tcpAddress())) {
        dora.sendFrame("type", "register", "user", "dora", "password", PASSWORD);
        assertThat(dora.expect("welcome").path("user").asText()).isEqualTo("dora");
      }
      assertReadsStillWork(server, alice, bob, stored);
    }
  }

  /**
   * The store's connections are opened on first use, so the writer's may first be opened while
   * the files are read-only. SQLite then opens it read-only for good; the store must replace it
   * rather than refuse every send until a restart.
   */
  @Test
  void aConnectionFirstOpenedWhileTheStoreIsReadOnlyIsReplacedOnceItIsWritable() throws Exception {
    Path data = dir.resolve("data");
    try (ParleyServer server = start(data);
        WireClient alice = WireClient.guest(server.tcpAddress(), "alice");
        WireClient bob = WireClient.guest(server.tcpAddress(), "bob")) {
      joinBoth(alice, bob);

      Path db = data.resolve(SqliteStore.FILE_NAME);
      try (Unwritable readOnly = Unwritable.make(db, Path.of(db + "-wal"))) {
        alice.sendFrame("type", "send", "room", ROOM, "text", "first ever", "ref", "f1");
        assertInternal(alice.next(), "f1");
        bob.assertNoMoreFrames(QUIET);
      }

      JsonNode ack = sendStored(alice, bob, "first ever", "f1");
      assertThat(ack.path("id").asLong()).isEqualTo(1);
      assertReadsStillWork(server, alice, bob, List.of(ack));
    }
  }

  private static ParleyServer start(Path data) {
    return ParleyServer.start(ServerConfig.forTests(data).withRatePerSecond(UNLIMITED));
  }

  private static void joinBoth(WireClient alice, WireClient bob) {
    alice.sendFrame("type", "join", "room", ROOM).expect("joined");
    bob.sendFrame("type", "join", "room", ROOM).expect("joined");
    alice.expect("presence");
  }

  /** Sends, expects it stored: the ack, then the same msg to sender and to bob. */
  private static JsonNode sendStored(WireClient alice, WireClient bob, String text, String ref) {
    alice.sendFrame("type", "send", "room", ROOM, "text", text, "ref", ref);
    return delivered(alice, bob, alice.expect("ack"), ref, text);
  }

  private static JsonNode delivered(WireClient alice, WireClient bob, JsonNode ack, String ref, String text) {
    assertThat(ack.path("ref").asText()).isEqualTo(ref);
    JsonNode own = alice.expect("msg");
    JsonNode theirs = bob.expect("msg");
    assertThat(own).isEqualTo(theirs);
    assertThat(own.path("id").asLong()).isEqualTo(ack.path("id").asLong());
    assertThat(own.path("text").asText()).isEqualTo(text);
    return ack;
  }

  private static void assertInternal(JsonNode reply, String ref) {
    assertThat(reply.path("type").asText()).as("reply %s", reply).isEqualTo("error");
    assertThat(reply.path("code").asText()).as("reply %s", reply).isEqualTo("internal");
    assertThat(reply.path("ref").asText()).isEqualTo(ref);
  }

  /** A second send with the ref of a stored one gets its original ack; nobody gets a msg. */
  private static void assertRetryIsTheOriginalAck(
      WireClient alice, WireClient bob, String text, JsonNode original) {
    String ref = original.path("ref").asText();
    alice.sendFrame("type", "send", "room", ROOM, "text", text, "ref", ref);
    assertThat(alice.expect("ack")).isEqualTo(original);
    alice.assertNoMoreFrames(QUIET);
    bob.assertNoMoreFrames(QUIET);
  }

  /**
   * The server is up and reads work: a new connection joins with a replay of exactly what was
   * acked (so nothing unstored was ever kept), and history answers the same.
   */
  private static void assertReadsStillWork(
      ParleyServer server, WireClient alice, WireClient bob, List<JsonNode> acked) {
    List<Long> ids = acked.stream().map(a -> a.path("id").asLong()).toList();
    assertThat(ids).as("acked ids, gapless from 1").isEqualTo(LongStream.rangeClosed(1, ids.size()).boxed().toList());
    try (WireClient carol = WireClient.guest(server.tcpAddress(), "carol")) {
      carol.sendFrame("type", "join", "room", ROOM, "since", 0);
      assertThat(carol.expect("joined").path("last").asLong()).isEqualTo(acked.size());
      List<Long> replayed = new ArrayList<>();
      for (int i = 0; i < acked.size(); i++) {
        replayed.add(carol.expect("msg").path("id").asLong());
      }
      assertThat(replayed).isEqualTo(ids);
    }
    for (WireClient member : List.of(alice, bob)) {
      member.expect("presence"); // carol came
      member.expect("presence"); // and went
    }
    alice.sendFrame("type", "history", "room", ROOM, "limit", 200, "ref", "h");
    JsonNode history = alice.expect("history");
    List<Long> listed = new ArrayList<>();
    history.path("messages").forEach(m -> listed.add(m.path("id").asLong()));
    assertThat(listed).isEqualTo(ids);
  }
}
