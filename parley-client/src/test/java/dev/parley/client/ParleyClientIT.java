package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The library against an in-process server: each request and what the listeners hear. */
class ParleyClientIT extends ClientFixture {

  @Test
  void aGuestIsWelcomedByNameAndReportedConnected() {
    Recorder events = new Recorder();
    ParleyClient alice = guest("alice", events);

    assertThat(alice.user()).isEqualTo("alice");
    assertThat(alice.state()).isEqualTo(ConnectionState.CONNECTED);
    await().atMost(WAIT).until(() -> events.count(ConnectionState.CONNECTED) == 1);
  }

  @Test
  void aSendIsAcknowledgedAndEveryMemberHearsTheMessageOnce() {
    Recorder aliceHears = new Recorder();
    Recorder bobHears = new Recorder();
    ParleyClient alice = guest("alice", aliceHears);
    ParleyClient bob = guest("bob", bobHears);
    done(alice.join("lobby"));
    ServerFrame.Joined joined = done(bob.join("lobby"));
    assertThat(joined.members()).containsExactly("alice", "bob");

    ServerFrame.Ack ack = done(alice.send("lobby", "hi bob"));

    assertThat(ack.room()).isEqualTo("lobby");
    assertThat(ack.id()).isEqualTo(1);
    await().atMost(WAIT).until(() -> bobHears.messages.size() == 1 && aliceHears.messages.size() == 1);
    assertThat(bobHears.messages.get(0))
        .isEqualTo(new ServerFrame.Msg("lobby", 1, "alice", "hi bob", ack.ts()));
    await().atMost(WAIT).until(() -> aliceHears.presences.size() == 1);
    assertThat(aliceHears.presences.get(0)).isEqualTo(new ServerFrame.Presence("lobby", "bob", "join"));
  }

  @Test
  void roomNamesInAnyCaseAreTheOneLowerCaseRoom() {
    Recorder aliceHears = new Recorder();
    Recorder bobHears = new Recorder();
    ParleyClient alice = guest("alice", aliceHears);
    ParleyClient bob = guest("bob", bobHears);
    assertThat(done(alice.join("Lobby")).room()).isEqualTo("lobby");
    done(bob.join("LOBBY"));

    assertThat(done(alice.send("lObBy", "one room")).room()).isEqualTo("lobby");

    await().atMost(WAIT).until(() -> bobHears.texts("lobby").size() == 1);
    assertThat(aliceHears.texts("lobby")).containsExactly("one room");
    assertThat(done(bob.history("LoBBY", null, 10)).messages()).hasSize(1);
    assertThat(done(alice.who("LOBBY"))).containsExactlyInAnyOrder("alice", "bob");
    done(bob.leave("Lobby"));
    done(alice.send("lobby", "after bob left"));
    await().atMost(WAIT).until(() -> aliceHears.texts("lobby").size() == 2);
    assertThat(bobHears.texts("lobby")).containsExactly("one room");
  }

  @Test
  void aSendToTheRoomRightAfterJoiningWaitsForTheJoin() {
    ParleyClient alice = guest("alice", new Recorder());
    alice.join("lobby");
    assertThat(done(alice.send("lobby", "first")).id()).isEqualTo(1);
  }

  @Test
  void joiningReplaysTheRoomsRecentMessagesToTheListener() {
    ParleyClient alice = guest("alice", new Recorder());
    done(alice.join("lobby"));
    for (int i = 1; i <= 3; i++) {
      done(alice.send("lobby", "m" + i));
    }
    Recorder bobHears = new Recorder();
    ParleyClient bob = guest("bob", bobHears);

    done(bob.join("lobby"));

    await().atMost(WAIT).until(() -> bobHears.messages.size() == 3);
    assertThat(bobHears.texts("lobby")).containsExactly("m1", "m2", "m3");
  }

  @Test
  void aPrivateMessageReachesTheOtherUsersListenerInTheirConversation() {
    ParleyClient alice = register("alice", new Recorder());
    Recorder bobHears = new Recorder();
    register("bob", bobHears);

    ServerFrame.Ack ack = done(alice.dm("bob", "psst"));

    assertThat(ack.room()).isEqualTo("dm:alice:bob");
    await().atMost(WAIT).until(() -> bobHears.texts("dm:alice:bob").equals(List.of("psst")));
  }

  @Test
  void historyPagesBackOldestFirst() {
    ParleyClient alice = guest("alice", new Recorder());
    done(alice.join("lobby"));
    for (int i = 1; i <= 5; i++) {
      done(alice.send("lobby", "m" + i));
    }

    ServerFrame.HistoryPage page = done(alice.history("lobby", 5L, 2));

    assertThat(page.messages()).extracting(ServerFrame.Msg::text).containsExactly("m3", "m4");
    assertThat(page.more()).isTrue();
  }

  @Test
  void roomsAndWhoSayWhatIsThereAndWhoIsIn() {
    ParleyClient alice = guest("alice", new Recorder());
    done(alice.join("lobby"));
    done(alice.send("lobby", "hello"));

    assertThat(done(alice.rooms())).containsExactly(new ServerFrame.RoomSummary("lobby", 1, 1));
    assertThat(done(alice.who("lobby"))).containsExactly("alice");
  }

  @Test
  void aRefusedRequestFailsItsFutureWithTheServersCode() {
    ParleyClient alice = guest("alice", new Recorder());

    assertThatThrownBy(() -> done(alice.send("elsewhere", "hi")))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(ParleyException.class)
        .satisfies(e -> assertThat(((ParleyException) e).code()).isEqualTo(ErrorCode.NOT_IN_ROOM));
  }

  @Test
  void badInputIsRefusedByTheClientWithoutBotheringTheServer() {
    ParleyClient alice = guest("alice", new Recorder());

    assertThatThrownBy(() -> done(alice.send("no spaces", "hi"))).hasCauseInstanceOf(ParleyException.class);
    assertThatThrownBy(() -> done(alice.send("lobby", ""))).hasMessageContaining("empty");
  }

  @Test
  void wrongCredentialsFailConnectAndCloseTheClient() {
    register("alice", new Recorder());
    ParleyClient impostor = unstarted(options(Credentials.password("alice", "not the password")));

    assertThatThrownBy(() -> done(impostor.connect()))
        .cause()
        .isInstanceOf(ParleyException.class)
        .hasMessageContaining("auth_failed");
    assertThat(impostor.state()).isEqualTo(ConnectionState.CLOSED);
  }

  @Test
  void leavingStopsDeliveryFromTheRoom() {
    Recorder aliceHears = new Recorder();
    ParleyClient alice = guest("alice", aliceHears);
    ParleyClient bob = guest("bob", new Recorder());
    done(alice.join("lobby"));
    done(bob.join("lobby"));
    done(alice.leave("lobby"));

    done(bob.send("lobby", "anyone?"));
    done(alice.join("other"));
    done(alice.send("other", "here"));

    await().atMost(WAIT).until(() -> aliceHears.messages.size() == 1);
    assertThat(aliceHears.texts("lobby")).isEmpty();
  }

  @Test
  void afterCloseEveryRequestFails() {
    ParleyClient alice = guest("alice", new Recorder());
    alice.close();

    assertThat(alice.state()).isEqualTo(ConnectionState.CLOSED);
    assertThatThrownBy(() -> done(alice.join("lobby"))).hasMessageContaining("closed");
  }
}
