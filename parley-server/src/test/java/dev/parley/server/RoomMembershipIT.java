package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.server.store.sqlite.SqliteStore;
import dev.parley.testkit.WireClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A connection's rooms are the rooms the hub put it in: a join the hub refuses (the room cannot
 * be loaded, the lane is busy, the room is full) leaves nothing behind in the connection, and
 * frames pipelined behind a join or a leave see the membership those frames asked for (issue
 * 14, step 1).
 */
class RoomMembershipIT extends ServerFixture {

  @Override
  protected ServerConfig baseConfig(ServerConfig defaults) {
    return defaults.withMaxRoomsPerConnection(1).withRatePerSecond(UNLIMITED);
  }

  /** Makes loading any room fail for real: the table of bans is gone until it is put back. */
  private void withRoomsUnloadable(Runnable action) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteStore.FILE_NAME));
        Statement s = c.createStatement()) {
      s.execute("ALTER TABLE room_bans RENAME TO room_bans_hidden");
      try {
        action.run();
      } finally {
        s.execute("ALTER TABLE room_bans_hidden RENAME TO room_bans");
      }
    }
  }

  @Test
  void aJoinTheHubCouldNotServeDoesNotCountAgainstTheRoomLimit() throws Exception {
    WireClient ann = guest("ann");
    withRoomsUnloadable(() -> {
      ann.sendFrame("type", "join", "room", "cellar", "ref", "j1");
      assertThat(refOf(ann.expectError("internal"))).isEqualTo("j1");
    });

    // Allowed one room, and in none: the next join is taken, and so are its sends.
    join(ann, "garden");
    say(ann, "garden", "hello");
    ann.sendFrame("type", "send", "room", "cellar", "text", "x", "ref", "s2");
    assertThat(refOf(ann.expectError("not_in_room"))).isEqualTo("s2");
  }

  @Test
  void aJoinRefusedBecauseTheRoomIsFullDoesNotCountEither() {
    configure(c -> c.withMaxRoomMembers(1));
    WireClient ann = guest("ann");
    WireClient bob = guest("bob");
    join(ann, "attic");
    bob.sendFrame("type", "join", "room", "attic", "ref", "j1");
    assertThat(refOf(bob.expectError("forbidden"))).isEqualTo("j1");
    join(bob, "garden");
    say(bob, "garden", "in at last");
  }

  @Test
  void framesPipelinedBehindAJoinAndALeaveSeeTheMembershipTheyAskedFor() {
    WireClient ann = guest("ann");
    WireClient bob = guest("bob");
    join(bob, "porch");
    // One write: join, send, leave, send, join again, send. Each frame is answered as if the
    // one before it had already been carried out (acks come once stored, so in any order).
    ann.sendLines(String.join("\n",
        WireClient.frame("type", "join", "room", "porch", "ref", "j1"),
        WireClient.frame("type", "send", "room", "porch", "text", "one", "ref", "s1"),
        WireClient.frame("type", "leave", "room", "porch", "ref", "l1"),
        WireClient.frame("type", "send", "room", "porch", "text", "lost", "ref", "s2"),
        WireClient.frame("type", "join", "room", "porch", "ref", "j2"),
        WireClient.frame("type", "send", "room", "porch", "text", "two", "ref", "s3"))
        + "\n");
    List<String> answers = new java.util.ArrayList<>();
    boolean sawTwo = false;
    while (answers.size() < 6 || !sawTwo) {
      var f = ann.next();
      String type = f.get("type").asText();
      if (type.equals("msg")) {
        sawTwo |= f.get("text").asText().equals("two");
        continue;
      }
      answers.add(type + (f.has("code") ? ":" + f.get("code").asText() : "") + ":" + refOf(f));
    }
    assertThat(answers).containsExactlyInAnyOrder(
        "joined:j1", "ack:s1", "left:l1", "error:not_in_room:s2", "joined:j2", "ack:s3");
    assertThat(takeMsgs(bob, 2, "presence")).extracting(m -> m.get("text").asText())
        .containsExactly("one", "two");

    // Still allowed one room, and in one: a second is refused; leaving frees the place.
    ann.sendFrame("type", "join", "room", "yard", "ref", "j3");
    assertThat(refOf(ann.expectError("forbidden"))).isEqualTo("j3");
    ann.sendFrame("type", "leave", "room", "porch", "ref", "l2");
    ann.expect("left");
    join(ann, "yard");
  }

  @Test
  void aConnectionThatClosesWithAJoinOnItsWayLeavesNoGhostBehind() {
    WireClient bob = guest("bob");
    join(bob, "hall");
    WireClient ann = guest("ann");
    ann.sendLines(WireClient.frame("type", "join", "room", "hall", "ref", "j1") + "\n");
    ann.close();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      bob.sendFrame("type", "who", "room", "hall", "ref", "w");
      var who = bob.next();
      while (!who.path("type").asText().equals("who")) {
        who = bob.next(); // ann's presence, if her join came first
      }
      assertThat(who.get("members").toString()).doesNotContain("ann");
    });
  }
}
