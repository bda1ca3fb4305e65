package dev.parley.server.room;

import dev.parley.server.store.RoomPolicy;
import dev.parley.server.store.RoomTopic;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The rooms in memory, by name. A room is loaded from the store on first use (its newest id
 * and its owners and bans; a room never written to has none, and loading it writes nothing),
 * and leaves memory once it has been idle for a while: nobody in it, nothing on its way to or
 * from the store, nothing done with it. So memory is bounded by the rooms in use, not by every
 * name anyone ever joined. An entry is added or removed only on its room's lane; anyone may
 * read the map.
 */
final class LiveRooms implements AutoCloseable {
  private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
  private final RoomLanes lanes;
  private final StoreReads reads;
  private final long idleNanos;
  private final ScheduledExecutorService sweeper =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "parley-room-sweeper");
        t.setDaemon(true);
        return t;
      });

  private final boolean clustered;

  LiveRooms(RoomLanes lanes, StoreReads reads, Duration idle, boolean clustered) {
    this.clustered = clustered;
    this.lanes = lanes;
    this.reads = reads;
    this.idleNanos = idle.toNanos();
    long every = Math.max(50, idle.toMillis() / 2);
    sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
  }

  /** The room in memory, or {@code null}; any thread. */
  Room get(String name) {
    return rooms.get(name);
  }

  Collection<Room> all() {
    return rooms.values();
  }

  int size() {
    return rooms.size();
  }

  /**
   * Admits client work for a room: on the room's lane, once the room is loaded (loading it first
   * if it is not in memory), runs {@code action}, or {@code unavailable} if it cannot be loaded.
   * {@code false} when the lane is too busy to take it.
   */
  boolean admit(String room, Consumer<Room> action, Runnable unavailable) {
    return lanes.admit(room, () -> {
      Room r = rooms.get(room);
      if (r == null) {
        r = new Room(room, clustered);
        rooms.put(room, r);
        load(r);
      }
      r.touch();
      r.whenLoaded(new Room.Work(action, unavailable));
    });
  }

  private void load(Room r) {
    reads.load(
        store -> new Loaded(store.lastId(r.name), store.policy(r.name), store.topic(r.name)),
        loaded -> lanes.execute(r.name, () -> r.loaded(loaded.last(), loaded.policy(), loaded.topicText())),
        () -> lanes.execute(r.name, () -> {
          rooms.remove(r.name, r);
          r.loadFailed();
        }));
  }

  private record Loaded(long last, RoomPolicy policy, RoomTopic topic) {
    String topicText() {
      return topic == null ? null : topic.text();
    }
  }

  /** Asks the lane of each room that looks idle to drop it if it still is. */
  private void sweep() {
    long now = System.nanoTime();
    for (Room r : rooms.values()) {
      if (r.listedMembers == 0 && now - r.lastUsedNanos > idleNanos) {
        lanes.execute(r.name, () -> {
          if (r.isIdle(System.nanoTime(), idleNanos)) {
            rooms.remove(r.name, r);
          }
        });
      }
    }
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
  }
}
