package dev.parley.server.room;

import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.Names;
import dev.parley.server.cluster.Broker;
import dev.parley.server.cluster.ClusterEvent;
import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.store.StoredMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Puts every stored message of a live room in front of its members in id order, exactly once,
 * whichever node stored it. Other nodes' messages come through the broker, which may lose them
 * or bring them late; a room that sees a gap (or learns that the store is ahead of it) reads
 * the missing ids from the store. A node may also die between its commit and its publish, so
 * every second the rooms people are in are checked against the store's newest ids, and at
 * once when the broker's link comes back.
 */
final class ClusterFeed implements Broker.Listener, AutoCloseable {
  /** A gap may be a message still on its way; wait this long before reading the store. */
  private static final long FILL_DELAY_MILLIS = 50;
  private static final long TAIL_CHECK_MILLIS = 1000;
  private static final int FILL_PAGE = 1000;

  private final LiveRooms rooms;
  private final RoomLanes lanes;
  private final StoreReads reads;
  private final FrameCodec codec;
  private final ServerMetrics metrics;
  private final Broker broker;
  private final ClusterPresence presence;
  /** News of what owners and people did in rooms elsewhere: moderation, typing, read markers, topics. */
  private final Consumer<ClusterEvent> roomNews;
  private final Consumer<StoredMessage> directElsewhere;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "parley-cluster-feed");
        t.setDaemon(true);
        return t;
      });
  private final LongAdder filled = new LongAdder();
  private volatile long lagMillis;

  ClusterFeed(LiveRooms rooms, RoomLanes lanes, StoreReads reads, FrameCodec codec, ServerMetrics metrics,
      Broker broker, ClusterPresence presence, Consumer<ClusterEvent> roomNews,
      Consumer<StoredMessage> directElsewhere) {
    this.rooms = rooms;
    this.lanes = lanes;
    this.reads = reads;
    this.codec = codec;
    this.metrics = metrics;
    this.broker = broker;
    this.presence = presence;
    this.roomNews = roomNews;
    this.directElsewhere = directElsewhere;
    if (broker.clustered()) {
      timer.scheduleWithFixedDelay(this::checkTails, TAIL_CHECK_MILLIS, TAIL_CHECK_MILLIS, TimeUnit.MILLISECONDS);
      broker.start(this);
    }
  }

  /** Messages read from the store to fill gaps, so far. */
  long filled() {
    return filled.sum();
  }

  /** How old the newest message from another node was when it arrived, in milliseconds. */
  long lagMillis() {
    return lagMillis;
  }

  /** On the room's lane: a message this node stored; the others hear of it. */
  void storedHere(Room r, StoredMessage s) {
    offer(r, s);
    if (broker.clustered()) {
      broker.publish(ClusterEvent.Stored.of(broker.node(), s));
    }
  }

  @Override
  public void received(ClusterEvent event) {
    if (event instanceof ClusterEvent.NodeState state) {
      presence.received(state);
    } else if (event instanceof ClusterEvent.Presence change) {
      presence.received(change);
    } else if (event instanceof ClusterEvent.Stored stored) {
      lagMillis = Math.max(0, System.currentTimeMillis() - stored.ts());
      String room = stored.room();
      if (Names.isDirect(room)) {
        directElsewhere.accept(stored.message()); // its two users' connections here join it
      } else if (rooms.get(room) != null) { // a room not in memory reads the store when it loads
        lanes.execute(room, () -> {
          Room r = rooms.get(room);
          if (r != null) {
            r.whenLoaded(new Room.Work(loaded -> offer(loaded, stored.message()), () -> {}));
          }
        });
      }
    } else {
      roomNews.accept(event);
    }
  }

  @Override
  public void linkRestored() {
    timer.execute(this::checkTails);
    presence.linkRestored();
    reloadPolicies();
  }

  /**
   * Reads the owners and bans of every room in memory again: another node's moderation may
   * have been lost with the link. What the store says wins, but a first owner not stored yet.
   */
  private void reloadPolicies() {
    for (Room r : rooms.all()) {
      reads.load(store -> store.policy(r.name), policy -> lanes.execute(r.name, () -> {
        r.owners.retainAll(policy.owners());
        r.owners.addAll(policy.owners());
        if (r.ownerToStore != null) {
          r.owners.add(r.ownerToStore);
        }
        r.banned.clear();
        r.banned.addAll(policy.banned());
      }), () -> {});
    }
  }

  /** On the room's lane: delivers a stored message in its turn. */
  void offer(Room r, StoredMessage s) {
    if (s.id() <= r.last()) {
      return; // delivered already (a fill that overlaps, news of what a load read): no encoding
    }
    metrics.messagesDelivered(r.offer(s.id(), codec.encode(RoomHub.msg(s))));
    if (r.behind()) {
      fillLater(r);
    }
  }

  /** On the room's lane: reads the gap from the store soon, unless a read is on its way. */
  private void fillLater(Room r) {
    if (r.filling) {
      return;
    }
    r.filling = true;
    timer.schedule(() -> lanes.execute(r.name, () -> fill(r)), FILL_DELAY_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** On the room's lane: reads the next page after what was delivered. */
  private void fill(Room r) {
    if (!r.behind() || rooms.get(r.name) != r) {
      r.filling = false;
      return;
    }
    long after = r.last();
    long upTo = Math.min(r.fillTo, after + FILL_PAGE);
    reads.load(
        store -> store.range(r.name, after, upTo, FILL_PAGE),
        messages -> lanes.execute(r.name, () -> filled(r, messages)),
        () -> lanes.execute(r.name, () -> {
          r.filling = false;
          fillLater(r); // the store is away: try again
        }));
  }

  private void filled(Room r, List<StoredMessage> messages) {
    r.filling = false;
    long before = r.last();
    for (StoredMessage s : messages) {
      offer(r, s);
    }
    filled.add(Math.max(0, r.last() - before));
    if (r.behind()) {
      fillLater(r);
    }
  }

  /** Compares the rooms people are in with the store's newest ids, one read for them all. */
  private void checkTails() {
    List<String> occupied = rooms.all().stream().filter(r -> r.listedMembers > 0).map(r -> r.name).toList();
    if (occupied.isEmpty()) {
      return;
    }
    reads.load(store -> {
      Map<String, Long> newest = new HashMap<>();
      for (String room : occupied) {
        newest.put(room, store.lastId(room));
      }
      return newest;
    }, newest -> newest.forEach((room, last) -> {
      Room r = rooms.get(room);
      if (r != null && last > r.listedLast) {
        lanes.execute(room, () -> {
          r.fillTo = Math.max(r.fillTo, last);
          if (r.behind()) {
            fillLater(r);
          }
        });
      }
    }), () -> {});
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
