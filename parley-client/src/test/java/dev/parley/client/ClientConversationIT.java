package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;
import dev.parley.testkit.Fault;
import dev.parley.testkit.FaultProxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The conversation features (edit, delete, typing, read markers, topics, search) through the
 * library, against an in-process server: what each user's listeners hear, and that edits and
 * deletes are exactly-once across a lost connection like sends.
 */
class ClientConversationIT extends ClientFixture {

  private ParleyClient login(String name, Recorder recorder) {
    return connect(options(Credentials.password(name, PASSWORD)), recorder);
  }

  @Test
  void anEditAndADeleteReachTheOtherMemberAsChangesOfTheMessageNotAsNewMessages() {
    Recorder bobHears = new Recorder();
    ParleyClient alice = register("alice", new Recorder());
    ParleyClient bob = register("bob", bobHears);
    done(alice.join("lobby"));
    done(bob.join("lobby"));

    ServerFrame.Ack sent = done(alice.send("lobby", "helo all"));
    ServerFrame.Ack edited = done(alice.edit("lobby", sent.id(), "hello all"));
    assertThat(edited.id()).isEqualTo(sent.id() + 1);
    await().atMost(WAIT).until(() -> bobHears.count("edited lobby " + sent.id() + " hello all by alice") == 1);
    ServerFrame.Ack deleted = done(alice.delete("lobby", sent.id()));
    await().atMost(WAIT).until(() -> bobHears.count("deleted lobby " + sent.id() + " by alice") == 1);

    assertThat(deleted.id()).isEqualTo(sent.id() + 2);
    assertThat(bobHears.texts("lobby")).containsExactly("helo all");
    assertThatThrownBy(() -> done(bob.edit("lobby", sent.id(), "not mine")))
        .hasRootCauseInstanceOf(ParleyException.class);
  }

  @Test
  void someoneWhoJoinsLaterSeesTheDeletedMessageErasedAndTheEditedOneWithItsNewestText() {
    ParleyClient alice = register("alice", new Recorder());
    done(alice.join("lobby"));
    long first = done(alice.send("lobby", "frist")).id();
    long second = done(alice.send("lobby", "regrettable")).id();
    done(alice.edit("lobby", first, "first"));
    done(alice.delete("lobby", second));

    Recorder carolHears = new Recorder();
    ParleyClient carol = register("carol", carolHears);
    done(carol.join("lobby"));
    await().atMost(WAIT).until(() -> carolHears.count("deleted lobby " + second + " by alice") == 1);

    assertThat(carolHears.messages).extracting(ServerFrame.Msg::id).containsExactly(first, second);
    assertThat(carolHears.messages.get(1).deleted()).isTrue();
    assertThat(carolHears.events).contains("edited lobby " + first + " first by alice");
    List<ServerFrame.Msg> page = done(carol.history("lobby", null, 50)).messages();
    assertThat(page).extracting(ServerFrame.Msg::text).containsExactly("first", "");
    assertThat(page.get(1).deleted()).isTrue();
  }

  @Test
  void anEditAndADeleteWhoseAcksAreLostAreResentAfterTheReconnectAndStoredOnce() {
    Recorder bobHears = new Recorder();
    ParleyClient bob = register("bob", bobHears);
    done(bob.join("lobby"));
    try (FaultProxy proxy = FaultProxy.start(server().tcpAddress())) {
      ParleyClient alice = connect(
          options(Credentials.register("alice", PASSWORD)).withEndpoint(Endpoint.tcp("127.0.0.1", proxy.address().getPort())),
          new Recorder());
      done(alice.join("lobby"));
      long id = done(alice.send("lobby", "typo hree")).id();

      // Frames reach the server at once; its answers are held back, so the acks are lost in the cut.
      proxy.apply(Fault.delay(Duration.ZERO, Duration.ofMinutes(5)));
      CompletableFuture<ServerFrame.Ack> edit = alice.edit("lobby", id, "typo here");
      await().atMost(WAIT).until(() -> bobHears.count("edited lobby " + id + " typo here by alice") == 1);
      CompletableFuture<ServerFrame.Ack> delete = alice.delete("lobby", id);
      await().atMost(WAIT).until(() -> bobHears.count("deleted lobby " + id + " by alice") == 1);
      assertThat(edit).isNotDone();
      proxy.apply(Fault.none());
      proxy.cutAll();

      assertThat(done(edit).id()).isEqualTo(id + 1);
      assertThat(done(delete).id()).isEqualTo(id + 2);
      assertThat(done(bob.rooms())).containsExactly(new ServerFrame.RoomSummary("lobby", 2, id + 2));
      assertThat(bobHears.count("edited lobby " + id + " typo here by alice")).isEqualTo(1);
    }
  }

  @Test
  void readingOnOneDeviceMovesTheMarkerAndTheUnreadCountOnTheOthers() {
    ParleyClient bob = register("bob", new Recorder());
    register("alice", new Recorder()).close();
    Recorder phoneHears = new Recorder();
    Recorder laptopHears = new Recorder();
    ParleyClient phone = login("alice", phoneHears);
    ParleyClient laptop = login("alice", laptopHears);
    done(phone.join("lobby"));
    done(laptop.join("lobby"));
    done(bob.join("lobby"));
    long last = 0;
    for (int i = 1; i <= 3; i++) {
      last = done(bob.send("lobby", "news " + i)).id();
    }
    long marker = last - 1;
    done(phone.send("lobby", "my own: never unread"));
    await().atMost(WAIT).until(() -> phone.unread("lobby") == 3 && laptop.unread("lobby") == 3);

    phone.markRead("lobby", marker);

    await().atMost(WAIT).until(() -> laptopHears.count("read lobby " + marker) == 1);
    assertThat(phoneHears.events).contains("read lobby " + marker);
    await().atMost(WAIT).until(() -> laptop.unread("lobby") == 1);
    assertThat(phone.unread("lobby")).isEqualTo(1);
    assertThat(laptopHears.unread).containsEntry("lobby", 1);

    Recorder tabletHears = new Recorder();
    ParleyClient tablet = login("alice", tabletHears);
    assertThat(done(tablet.join("lobby")).read()).isEqualTo(marker);
    await().atMost(WAIT).until(() -> tablet.unread("lobby") == 1);
    assertThat(tabletHears.events).contains("read lobby " + marker);
  }

  @Test
  void typingIsToldToTheOthersInTheRoomAtMostOnceEveryFewSeconds() {
    Recorder aliceHears = new Recorder();
    ParleyClient alice = guest("alice", aliceHears);
    ParleyClient bob = guest("bob", new Recorder());
    done(alice.join("lobby"));
    done(bob.join("lobby"));

    for (int i = 0; i < 20; i++) {
      bob.typing("lobby");
    }
    done(bob.send("lobby", "after typing")); // frames go out in order: the typing went first
    await().atMost(WAIT).until(() -> aliceHears.texts("lobby").contains("after typing"));

    assertThat(aliceHears.count("typing lobby bob")).isBetween(1L, 2L);
  }

  @Test
  void anOwnerSetsTheTopicEveryoneHearsItAndLaterJoinersLearnIt() {
    Recorder bobHears = new Recorder();
    ParleyClient alice = register("alice", new Recorder());
    ParleyClient bob = register("bob", bobHears);
    assertThat(done(alice.join("lobby")).owners()).containsExactly("alice");
    done(bob.join("lobby"));

    ServerFrame.Topic set = done(alice.setTopic("lobby", "Release day"));

    assertThat(set.by()).isEqualTo("alice");
    await().atMost(WAIT).until(() -> bob.topic("lobby").equals("Release day"));
    assertThat(bobHears.events).contains("topic lobby Release day by alice");
    assertThatThrownBy(() -> done(bob.setTopic("lobby", "mine now")))
        .rootCause().isInstanceOf(ParleyException.class)
        .satisfies(e -> assertThat(((ParleyException) e).code()).isEqualTo(ErrorCode.FORBIDDEN));

    Recorder carolHears = new Recorder();
    ParleyClient carol = guest("carol", carolHears);
    assertThat(done(carol.join("lobby")).topic()).isEqualTo("Release day");
    await().atMost(WAIT).until(() -> carol.topic("lobby").equals("Release day"));
    assertThat(carolHears.events).contains("topic lobby Release day by null");
  }

  @Test
  void searchFindsMessagesByEveryWordWithTheirNewestTextNewestFirst() {
    ParleyClient alice = register("alice", new Recorder());
    done(alice.join("lobby"));
    long friday = done(alice.send("lobby", "Deploy on Friday?")).id();
    done(alice.send("lobby", "lunch at noon"));
    long typo = done(alice.send("lobby", "we deplyo friday")).id();
    done(alice.edit("lobby", typo, "we deploy friday evening"));
    long gone = done(alice.send("lobby", "deploy friday or not")).id();
    done(alice.delete("lobby", gone));

    ParleyClient bob = guest("bob", new Recorder());
    List<ServerFrame.Msg> found = done(bob.search("lobby", "friday DEPLOY", 20));

    assertThat(found).extracting(ServerFrame.Msg::id).containsExactly(typo, friday);
    assertThat(found.get(0).text()).isEqualTo("we deploy friday evening");
    assertThat(found).extracting(ServerFrame.Msg::from).containsOnly("alice");
    assertThatThrownBy(() -> done(bob.search("lobby", "a !", 20))).hasRootCauseInstanceOf(ParleyException.class);
  }

  @Test
  void privateMessagesThatCameWhileAwayCountAsUnreadAtTheNextLogin() {
    ParleyClient alice = register("alice", new Recorder());
    register("bob", new Recorder()).close();
    long last = 0;
    for (int i = 1; i <= 3; i++) {
      last = done(alice.dm("bob", "while you were out " + i)).id();
    }

    long newest = last;
    ParleyClient bob = login("bob", new Recorder());
    await().atMost(WAIT).until(() -> bob.unread("dm:alice:bob") == 3);
    bob.markRead("dm:alice:bob", newest);
    await().atMost(WAIT).until(() -> bob.unread("dm:alice:bob") == 0);

    Recorder laterHears = new Recorder();
    ParleyClient later = login("bob", laterHears);
    await().atMost(WAIT).until(() -> laterHears.events.contains("read dm:alice:bob " + newest));
    assertThat(later.unread("dm:alice:bob")).isZero();
  }
}
