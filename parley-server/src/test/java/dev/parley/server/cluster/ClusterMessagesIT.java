package dev.parley.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.server.MetricsPage;
import dev.parley.server.ParleyServer;
import dev.parley.testkit.Fault;
import dev.parley.testkit.FaultProxy;
import dev.parley.testkit.WireClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Messages across the nodes of a cluster (protocol.md, "Several servers"): a message acked on
 * one node reaches the members on every other, each connection gets a room's messages in id
 * order with no gap and no repeat whichever node stored them, and what the broker loses is
 * filled from the store.
 */
class ClusterMessagesIT {
  private final TestCluster cluster = TestCluster.create();

  @AfterEach
  void stop() {
    cluster.close();
  }

  private static void join(WireClient c, String room) {
    c.sendFrame("type", "join", "room", room);
    c.expect("joined");
  }

  /** The next {@code n} msg frames, passing over presence and acks. */
  private static List<JsonNode> msgs(WireClient c, int n) {
    List<JsonNode> out = new ArrayList<>();
    while (out.size() < n) {
      JsonNode f = c.next(Duration.ofSeconds(10));
      String type = f.path("type").asText();
      if (type.equals("msg")) {
        out.add(f);
      } else if (!type.equals("presence") && !type.equals("ack")) {
        throw new AssertionError("unexpected " + f);
      }
    }
    return out;
  }

  /** Fails if a msg arrives within a moment (presence may: it comes from the other node). */
  private static void noMoreMsgs(WireClient c) throws InterruptedException {
    Thread.sleep(300);
    while (c.hasArrived()) {
      JsonNode f = c.next();
      assertThat(f.path("type").asText()).as("%s", f).isNotEqualTo("msg");
    }
  }

  private static List<Long> ids(List<JsonNode> frames) {
    return frames.stream().map(f -> f.path("id").asLong()).toList();
  }

  private static List<Long> oneTo(long n) {
    return LongStream.rangeClosed(1, n).boxed().toList();
  }

  @Test
  void aPostWithATokenOnOneNodeReachesAMemberOnAnother() throws Exception {
    ParleyServer a = cluster.start();
    ParleyServer b = cluster.start();
    WireClient alice = cluster.register(a, "alice");
    String token = alice.seen().get(0).path("token").asText();
    WireClient bob = cluster.guest(b, "bob");
    join(bob, "lobby");

    var answer = a.scripts()
        .send("test", token, "127.0.0.1", new dev.parley.protocol.ClientFrame.Send("lobby", "from a script", "s1"))
        .get(10, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(answer.succeeded()).as("%s", answer.frame()).isTrue();
    JsonNode msg = msgs(bob, 1).get(0);
    assertThat(msg.path("from").asText()).isEqualTo("alice");
    assertThat(msg.path("text").asText()).isEqualTo("from a script");
    // The ref retried on the other node: the original ack, and no second msg.
    var again = b.scripts()
        .send("test", token, "127.0.0.1", new dev.parley.protocol.ClientFrame.Send("lobby", "from a script", "s1"))
        .get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(again.frame().toString()).isEqualTo(answer.frame().toString());
    noMoreMsgs(bob);
  }

  @Test
  void aMessageAckedOnOneNodeReachesAMemberOnAnother() throws Exception {
    ParleyServer a = cluster.start();
    ParleyServer b = cluster.start();
    assertThat(a.node()).isNotEqualTo(b.node());
    WireClient ann = cluster.guest(a, "ann");
    WireClient bob = cluster.guest(b, "bob");
    join(ann, "lobby");
    join(bob, "lobby");

    ann.sendFrame("type", "send", "room", "lobby", "text", "hello from a", "ref", "r1");
    JsonNode got = msgs(bob, 1).get(0);
    assertThat(got.path("text").asText()).isEqualTo("hello from a");
    assertThat(got.path("from").asText()).isEqualTo("ann");
    assertThat(got.path("id").asLong()).isEqualTo(1);
  }

  @Test
  void idsStayGaplessAndInOrderWhileSendersAlternateNodes() throws Exception {
    ParleyServer a = cluster.start();
    ParleyServer b = cluster.start();
    WireClient ann = cluster.guest(a, "ann");
    WireClient bob = cluster.guest(b, "bob");
    join(ann, "lobby");
    join(bob, "lobby");

    int each = 100;
    for (int i = 0; i < each; i++) {
      ann.sendFrame("type", "send", "room", "lobby", "text", "a" + i, "ref", "a" + i);
      bob.sendFrame("type", "send", "room", "lobby", "text", "b" + i, "ref", "b" + i);
    }
    assertThat(ids(msgs(ann, 2 * each))).containsExactlyElementsOf(oneTo(2 * each));
    assertThat(ids(msgs(bob, 2 * each))).containsExactlyElementsOf(oneTo(2 * each));
    noMoreMsgs(ann);
    noMoreMsgs(bob);
  }

  @Test
  void aRefRetriedOnAnotherNodeGetsTheOriginalAck() throws Exception {
    ParleyServer a = cluster.start();
    ParleyServer b = cluster.start();
    WireClient alice = cluster.register(a, "alice");
    join(alice, "lobby");
    alice.sendFrame("type", "send", "room", "lobby", "text", "once", "ref", "r1");
    JsonNode ack = alice.expect("ack");
    String token = alice.seen().get(0).path("token").asText();

    WireClient again = WireClient.connect(b.tcpAddress());
    again.sendFrame("type", "hello", "token", token);
    again.expect("welcome");
    join(again, "lobby");
    msgs(again, 1); // the replay of "once"
    again.sendFrame("type", "send", "room", "lobby", "text", "once", "ref", "r1");
    JsonNode retried = again.expect("ack");
    assertThat(retried.path("id").asLong()).isEqualTo(ack.path("id").asLong());
    assertThat(retried.path("ts").asLong()).isEqualTo(ack.path("ts").asLong());
    noMoreMsgs(again);
    again.close();
  }

  @Test
  void whatANodeStoresWhileItsRedisLinkIsDeadReachesTheOthersFromTheStore() throws Exception {
    try (FaultProxy redisLink = FaultProxy.start(TestCluster.REDIS)) {
      ParleyServer a = cluster.start(redisLink.address(), c -> c);
      ParleyServer b = cluster.start();
      WireClient ann = cluster.guest(a, "ann");
      WireClient bob = cluster.guest(b, "bob");
      join(ann, "lobby");
      join(bob, "lobby");
      ann.sendFrame("type", "send", "room", "lobby", "text", "before", "ref", "r0");
      assertThat(ids(msgs(bob, 1))).containsExactly(1L);

      redisLink.apply(Fault.blackHole()); // a's publishes go nowhere, and nobody can tell
      for (int i = 1; i <= 20; i++) {
        ann.sendFrame("type", "send", "room", "lobby", "text", "during " + i, "ref", "r" + i);
      }
      // a keeps storing and delivering to its own members...
      assertThat(ids(msgs(ann, 21))).containsExactlyElementsOf(oneTo(21));
      // ...and b learns of them from the store, in order, within the contract's bound.
      long start = System.nanoTime();
      assertThat(ids(msgs(bob, 20))).containsExactlyElementsOf(LongStream.rangeClosed(2, 21).boxed().toList());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

      // b's members' messages still reach a's, whose subscription is dead too: from the store.
      bob.sendFrame("type", "send", "room", "lobby", "text", "from b", "ref", "b1");
      assertThat(ids(msgs(ann, 1))).containsExactly(22L);
      redisLink.apply(Fault.none());
      assertThat(MetricsPage.value(b, "parley_gaps_filled_total")).isGreaterThanOrEqualTo(20);
      assertThat(MetricsPage.value(a, "parley_broker_published_total")).isGreaterThanOrEqualTo(1);
      assertThat(MetricsPage.value(b, "parley_broker_received_total")).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void whileRedisIsAwayForEveryNodeEachKeepsServingAndAllIsCaughtUpOnceItIsBack() throws Exception {
    try (FaultProxy redis = FaultProxy.start(TestCluster.REDIS)) {
      ParleyServer a = cluster.start(redis.address(), c -> c);
      ParleyServer b = cluster.start(redis.address(), c -> c);
      WireClient ann = cluster.guest(a, "ann");
      WireClient bob = cluster.guest(b, "bob");
      join(ann, "lobby");
      join(bob, "lobby");

      redis.apply(Fault.blackHole());
      redis.cutAll(); // Redis "restarts": every link drops, and new ones get nowhere
      for (int i = 1; i <= 10; i++) {
        ann.sendFrame("type", "send", "room", "lobby", "text", "a" + i, "ref", "a" + i);
        bob.sendFrame("type", "send", "room", "lobby", "text", "b" + i, "ref", "b" + i);
      }
      // Each node stores, acks and delivers to its own, and reads the other's from the store.
      assertThat(ids(msgs(ann, 20))).containsExactlyElementsOf(oneTo(20));
      assertThat(ids(msgs(bob, 20))).containsExactlyElementsOf(oneTo(20));

      double heardBefore = MetricsPage.value(a, "parley_broker_received_total");
      redis.apply(Fault.none()); // Redis is back: the nodes reconnect by themselves
      long back = System.nanoTime();
      await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
          assertThat(MetricsPage.value(a, "parley_broker_received_total")).isGreaterThan(heardBefore));
      ann.sendFrame("type", "send", "room", "lobby", "text", "after", "ref", "after");
      assertThat(ids(msgs(bob, 1))).containsExactly(21L);
      assertThat(ids(msgs(ann, 1))).containsExactly(21L);
      assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(40));
    }
  }

  @Test
  void droppedSubscribersMissNothing() throws Exception {
    ParleyServer a = cluster.start();
    ParleyServer b = cluster.start();
    WireClient ann = cluster.guest(a, "ann");
    WireClient bob = cluster.guest(b, "bob");
    join(ann, "lobby");
    join(bob, "lobby");
    int n = 200;
    for (int i = 0; i < n; i++) {
      ann.sendFrame("type", "send", "room", "lobby", "text", "m" + i, "ref", "m" + i);
      if (i == n / 4 || i == n / 2) {
        RedisAdmin.killPubSubClients();
      }
    }
    assertThat(ids(msgs(bob, n))).containsExactlyElementsOf(oneTo(n));
    assertThat(ids(msgs(ann, n))).containsExactlyElementsOf(oneTo(n));
  }

  @Test
  void twoClustersSharingARedisNeverHearEachOther() throws Exception {
    try (TestCluster other = TestCluster.create()) {
      ParleyServer a = cluster.start();
      ParleyServer b = cluster.start();
      ParleyServer elsewhere = other.start();
      WireClient ann = cluster.guest(a, "ann");
      WireClient bob = cluster.guest(b, "bob");
      WireClient eve = other.guest(elsewhere, "eve");
      join(ann, "lobby");
      join(bob, "lobby");
      join(eve, "lobby");
      ann.sendFrame("type", "send", "room", "lobby", "text", "ours", "ref", "r1");
      assertThat(msgs(bob, 1).get(0).path("text").asText()).isEqualTo("ours");
      Thread.sleep(1700);
      noMoreMsgs(eve);
      eve.sendFrame("type", "who", "room", "lobby", "ref", "w");
      assertThat(eve.expect("who").path("members")).extracting(JsonNode::asText).containsExactly("eve");
    }
  }
}
