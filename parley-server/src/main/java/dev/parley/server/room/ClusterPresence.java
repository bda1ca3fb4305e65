package dev.parley.server.room;

import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.Names;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.cluster.Broker;
import dev.parley.server.cluster.ClusterEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who is in which room across the cluster. Every node sends each change at once (a user came
 * to a room here, or left it) and its whole state every second (its heartbeat, and the repair
 * of any change lost on the way); the others keep the last state of each node
 * ({@link OtherNodes}), list those users in {@code joined}, {@code who} and the room list, and
 * tell their own members when someone came or went elsewhere. A node silent for three beats is
 * gone: its users leave everyone's lists. State, not events, goes between the nodes, so a lost
 * message costs a second, never a wrong list.
 */
final class ClusterPresence implements AutoCloseable {
  static final long BEAT_MILLIS = 1000;
  private static final long GONE_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(3 * BEAT_MILLIS);
  private static final long SOON_MILLIS = 20;
  private static final long HELLO_WAIT_MILLIS = 250;

  private final LiveRooms rooms;
  private final RoomLanes lanes;
  private final FrameCodec codec;
  private final Broker broker;
  private final OtherNodes others = new OtherNodes();
  private final AtomicBoolean publishQueued = new AtomicBoolean();
  /** This node's changes, numbered (see {@link ClusterEvent.Presence}). */
  private final AtomicLong version = new AtomicLong();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "parley-cluster-presence");
        t.setDaemon(true);
        return t;
      });

  ClusterPresence(LiveRooms rooms, RoomLanes lanes, FrameCodec codec, Broker broker) {
    this.rooms = rooms;
    this.lanes = lanes;
    this.codec = codec;
    this.broker = broker;
    if (broker.clustered()) {
      timer.scheduleWithFixedDelay(this::beat, 0, BEAT_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** The users in a room on other nodes, key to name. */
  Map<String, String> usersElsewhere(String room) {
    return broker.clustered() ? others.usersIn(room) : Map.of();
  }

  /** Whether a user is in a room on another node. */
  boolean elsewhere(String room, String userKey) {
    return broker.clustered() && others.hasUser(room, userKey);
  }

  /** Connections per room on other nodes. */
  Map<String, Integer> connectionsElsewhere() {
    return broker.clustered() ? others.connections() : Map.of();
  }

  /**
   * Tells the others in a public room that a user came or went. Private conversations have no
   * presence: every connection of both users is always in them, so it would say nothing.
   */
  void cameOrWent(Room r, Member m, String event) {
    if (Names.isDirect(r.name)) {
      return;
    }
    if (broker.clustered()) {
      boolean in = event.equals(ServerFrame.Presence.JOIN);
      broker.publish(new ClusterEvent.Presence(
          broker.node(), version.incrementAndGet(), r.name, m.userKey(), m.user(), in, r.listedMembers));
    }
    if (elsewhere(r.name, m.userKey())) {
      return; // still in the room on another node: nothing changed for the others
    }
    r.sendToOthers(m.userKey(), codec.encode(new ServerFrame.Presence(r.name, m.user(), event)));
  }

  /** A user came to or left a room here: the others hear of it soon. Any thread. */
  void changedHere() {
    if (broker.clustered() && publishQueued.compareAndSet(false, true)) {
      timer.schedule(this::publish, SOON_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** The broker's thread: one change of another node's state. */
  void received(ClusterEvent.Presence change) {
    boolean first = !others.knows(change.node());
    tell(others.apply(change, System.nanoTime()));
    if (first) {
      changedHere();
    }
  }

  /**
   * The broker's thread: another node's state. A node heard for the first time is new (or this
   * one is): it gets this node's state at once rather than at the next beat.
   */
  void received(ClusterEvent.NodeState state) {
    boolean first = !others.knows(state.node());
    tell(others.update(state, System.nanoTime()));
    if (first) {
      changedHere();
    }
  }

  /**
   * At start, before the first client: says hello (this node's empty state), so the others
   * answer with theirs, and waits a moment for them. Then a user this node hears of later has
   * really just come, and is announced as such.
   */
  void awaitOthers() {
    if (broker.clustered()) {
      publish();
      try {
        Thread.sleep(HELLO_WAIT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The link to the others is back: they may have lost this node's last state. */
  void linkRestored() {
    timer.execute(this::publish);
  }

  private void beat() {
    tell(others.expire(System.nanoTime(), GONE_AFTER_NANOS));
    publish();
  }

  private void publish() {
    publishQueued.set(false);
    long at = version.get(); // before reading the rooms: every change up to it is in them
    Map<String, ClusterEvent.RoomPresence> state = new HashMap<>();
    for (Room r : rooms.all()) {
      Map<String, String> users = r.listedUsers;
      if (!users.isEmpty() && !Names.isDirect(r.name)) {
        state.put(r.name, new ClusterEvent.RoomPresence(users, r.listedMembers));
      }
    }
    broker.publish(new ClusterEvent.NodeState(broker.node(), at, state));
  }

  /**
   * Tells the members of each room here who came or went on another node: news only when the
   * user was in the room nowhere else before (came) or is nowhere now (left).
   */
  private void tell(Map<String, OtherNodes.Change> changes) {
    changes.forEach((room, change) -> {
      if (rooms.get(room) == null) {
        return; // nobody here to tell
      }
      lanes.execute(room, () -> {
        Room r = rooms.get(room);
        if (r == null) {
          return;
        }
        change.came().forEach((key, name) -> {
          if (!r.hasUser(key) && others.nodesWith(room, key) == 1) {
            r.sendToAll(codec.encode(new ServerFrame.Presence(room, name, ServerFrame.Presence.JOIN)));
          }
        });
        change.left().forEach((key, name) -> {
          if (!r.hasUser(key) && !others.hasUser(room, key)) {
            r.sendToAll(codec.encode(new ServerFrame.Presence(room, name, ServerFrame.Presence.LEAVE)));
          }
        });
      });
    });
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
