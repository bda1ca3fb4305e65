package dev.parley.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.ParleyServer;
import dev.parley.server.auth.PasswordHasher;
import dev.parley.server.store.postgres.PostgresStore;
import dev.parley.server.store.postgres.PostgresUrl;
import dev.parley.testkit.Fault;
import dev.parley.testkit.FaultProxy;
import dev.parley.testkit.WireClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who is where, across the nodes of a cluster (protocol.md, "Several servers"): member lists,
 * presence, room counts, guests' names and moderation take effect on every node within 5
 * seconds, and the users of a node that is cut off leave everyone's lists within three of its
 * heartbeats.
 */
class ClusterPresenceIT {
  private static final Duration WITHIN = Duration.ofSeconds(5);
  private final TestCluster cluster = TestCluster.create();

  @AfterEach
  void stop() {
    cluster.close();
  }

  private static JsonNode join(WireClient c, String room) {
    c.sendFrame("type", "join", "room", room);
    return c.expect("joined");
  }

  private static List<String> who(WireClient c, String room) {
    c.sendFrame("type", "who", "room", room, "ref", "w");
    JsonNode f = c.next();
    while (!f.path("type").asText().equals("who")) {
      f = c.next();
    }
    List<String> names = new ArrayList<>();
    f.path("members").forEach(n -> names.add(n.asText()));
    return names;
  }

  /** The next frame of {@code type}, passing over presence of others, pings and msgs. */
  private static JsonNode nextOf(WireClient c, String type) {
    JsonNode f = c.next(WITHIN);
    while (!f.path("type").asText().equals(type)) {
      f = c.next(WITHIN);
    }
    return f;
  }

  @Test
  void membersOnEveryNodeAreListedAndHeardComingAndGoing() throws Exception {
    ParleyServer a = cluster.start();
    ParleyServer b = cluster.start();
    WireClient ann = cluster.guest(a, "ann");
    join(ann, "lobby");
    WireClient bob = cluster.guest(b, "bob");
    join(bob, "lobby");

    JsonNode came = nextOf(ann, "presence");
    assertThat(came.path("user").asText()).isEqualTo("bob");
    assertThat(came.path("event").asText()).isEqualTo("join");
    await().atMost(WITHIN).untilAsserted(() -> assertThat(who(bob, "lobby")).containsExactly("ann", "bob"));
    assertThat(who(ann, "lobby")).containsExactly("ann", "bob");

    WireClient carol = cluster.guest(a, "carol");
    carol.sendFrame("type", "rooms", "ref", "r");
    JsonNode list = nextOf(carol, "rooms");
    assertThat(list.path("rooms").get(0).path("room").asText()).isEqualTo("lobby");
    assertThat(list.path("rooms").get(0).path("members").asInt()).isEqualTo(2);

    bob.sendFrame("type", "leave", "room", "lobby");
    JsonNode left = nextOf(ann, "presence");
    assertThat(left.path("user").asText()).isEqualTo("bob");
    assertThat(left.path("event").asText()).isEqualTo("leave");
    assertThat(who(ann, "lobby")).containsExactly("ann");
  }

  @Test
  void aSecondGuestOfANameOnAnotherNodeIsRefusedAtOnce() throws Exception {
    ParleyServer a = cluster.start();
    ParleyServer b = cluster.start();
    WireClient first = cluster.guest(a, "zed");
    WireClient second = WireClient.connect(b.tcpAddress());
    second.sendFrame("type", "hello", "user", "ZED");
    assertThat(second.expectError("name_taken").path("code").asText()).isEqualTo("name_taken");

    first.close();
    await().atMost(WITHIN).untilAsserted(() -> {
      try (WireClient again = WireClient.connect(b.tcpAddress())) {
        again.sendFrame("type", "hello", "user", "zed");
        assertThat(again.next().path("type").asText()).isEqualTo("welcome");
      }
    });
    second.close();
  }

  @Test
  void theUsersOfANodeCutOffLeaveEveryonesListsAndTheirNamesComeFree() throws Exception {
    try (FaultProxy link = FaultProxy.start(TestCluster.REDIS)) {
      ParleyServer a = cluster.start();
      ParleyServer b = cluster.start(link.address(), c -> c);
      WireClient ann = cluster.guest(a, "ann");
      join(ann, "lobby");
      WireClient bob = cluster.guest(b, "bob");
      join(bob, "lobby");
      await().atMost(WITHIN).untilAsserted(() -> assertThat(who(ann, "lobby")).containsExactly("ann", "bob"));

      link.apply(Fault.blackHole()); // b goes silent to the cluster, as if it had died
      long cut = System.nanoTime();
      JsonNode left = nextOf(ann, "presence");
      assertThat(left.path("user").asText()).isEqualTo("bob");
      assertThat(left.path("event").asText()).isEqualTo("leave");
      // Three beats of a second, and the sweep's own second.
      assertThat(Duration.ofNanos(System.nanoTime() - cut)).isLessThan(WITHIN);
      assertThat(who(ann, "lobby")).containsExactly("ann");
      await().atMost(WITHIN).untilAsserted(() -> {
        try (WireClient other = WireClient.connect(a.tcpAddress())) {
          other.sendFrame("type", "hello", "user", "bob");
          assertThat(other.next().path("type").asText()).isEqualTo("welcome");
        }
      });
      link.apply(Fault.none());
    }
  }

  @Test
  void aBanOnOneNodeTakesTheUserOutOnEveryNode() throws Exception {
    ParleyServer a = cluster.start();
    ParleyServer b = cluster.start();
    WireClient alice = cluster.register(a, "alice");
    assertThat(join(alice, "hall").path("owners").get(0).asText()).isEqualTo("alice");
    alice.sendFrame("type", "send", "room", "hall", "text", "mine", "ref", "m1");
    nextOf(alice, "ack");
    WireClient bob = cluster.guest(b, "bob");
    join(bob, "hall");

    alice.sendFrame("type", "ban", "room", "hall", "user", "bob", "ref", "b1");
    nextOf(alice, "moderated");
    JsonNode kicked = nextOf(bob, "kicked");
    assertThat(kicked.path("action").asText()).isEqualTo("ban");
    assertThat(kicked.path("by").asText()).isEqualTo("alice");
    bob.sendFrame("type", "join", "room", "hall", "ref", "j2");
    assertThat(nextOf(bob, "error").path("code").asText()).isEqualTo("forbidden");
  }

  @Test
  void aPasswordChangedInTheDatabaseEndsTheUsersConnectionsOnEveryNodeAndItsTokens() throws Exception {
    ParleyServer a = cluster.start();
    ParleyServer b = cluster.start();
    WireClient laptop = cluster.register(a, "alice");
    String token = laptop.seen().get(0).path("token").asText();
    WireClient phone = WireClient.connect(b.tcpAddress());
    phone.sendFrame("type", "hello", "token", token);
    phone.expect("welcome");

    // What `parley user passwd --postgres` does: the database changes, no node is asked.
    try (var store = PostgresStore.open(PostgresUrl.parse(cluster.database().url()))) {
      assertThat(store.accountStore().changePassword("alice", PasswordHasher.owaspBaseline().hash("battery staple")))
          .isTrue();
    }
    List<JsonNode> ended = phone.awaitClosed(WITHIN);
    assertThat(laptop.awaitClosed(WITHIN)).extracting(f -> f.path("type").asText() + " " + f.path("reason").asText())
        .contains("bye password_changed");
    assertThat(ended).extracting(f -> f.path("type").asText() + " " + f.path("reason").asText())
        .contains("bye password_changed");
    WireClient again = WireClient.connect(b.tcpAddress());
    again.sendFrame("type", "hello", "token", token);
    assertThat(again.expectError("auth_failed").path("code").asText()).isEqualTo("auth_failed");
    again.close();
    phone.close();
  }
}
