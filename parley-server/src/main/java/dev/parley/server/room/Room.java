package dev.parley.server.room;

import dev.parley.protocol.EncodedFrame;
import java.util.ArrayList;
import java.util.HashMap;
import dev.parley.server.store.RoomPolicy;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One room's live state: its members, how each is being delivered to, and the newest stored id.
 * Every field is only touched on the room's lane, except {@link #listedMembers} and {@link
 * #listedLast}, which the lane writes and anyone may read for the room list.
 */
final class Room {
  final String name;

  /**
   * The newest id delivered, with every id below it delivered too; only ever grows. In a
   * cluster, messages stored by other nodes may come out of order or not at all: those beyond
   * a gap wait in {@link #ahead} until the gap is filled from the store.
   */
  private long last;
  /** Messages stored past a gap after {@link #last}, by id; empty on a single node. */
  private final TreeMap<Long, EncodedFrame> ahead = new TreeMap<>();
  /** Whether a read of the store is on its way to fill a gap. */
  boolean filling;
  /** The newest id the store is known to have (from another node's news), to fill up to. */
  long fillTo;
  /** Past this many, messages beyond a gap are not kept: the fill reads them from the store. */
  private static final int MAX_AHEAD = 10_000;

  private boolean loaded;
  private final List<Work> waiting = new ArrayList<>();
  private final Map<Member, Delivery> members = new HashMap<>();
  /** Connected users by key, with their display name and connection count, sorted by key. */
  private final Map<String, Occupant> occupants = new TreeMap<>();
  /** Owners and banned users by key, as stored; kept in step with the store by the hub. */
  final Set<String> owners = new TreeSet<>();
  final Set<String> banned = new HashSet<>();

  volatile int listedMembers;
  volatile long listedLast;
  /**
   * The users connected here on this node, key to name: a copy the lane replaces when a user
   * comes or goes (not on every connection), which the node's state for the others reads. Kept
   * only on a node of a cluster: a copy per join costs a big room's joins dearly, and a node on
   * its own has nobody to tell.
   */
  volatile Map<String, String> listedUsers = Map.of();
  private final boolean listsUsers;
  /**
   * Since when the room has been unused: when its last member left, or when it was last used by
   * someone not in it. While anyone is in it, the room stays in memory whatever this says, so
   * the messages of its members never pay for keeping it. Written by the lane, read by the
   * sweep as a hint.
   */
  volatile long lastUsedNanos = System.nanoTime();
  /** The room's topic as stored; {@code null} when none is set. */
  String topic;
  /** Messages handed to the store whose outcome has not come back to the lane yet. */
  private int storing;
  /**
   * An owner made by joining first, not stored yet: a room nobody has written to stores
   * nothing, so its first owner is stored with its first message (or an owner's first
   * moderation), and forgotten with the room if neither comes.
   */
  String ownerToStore;

  private static final class Occupant {
    final String name;
    int connections;

    Occupant(String name) {
      this.name = name;
    }
  }

  /**
   * How one member gets the room's messages: live, or, while it catches up on stored history,
   * through its replay, which reads what arrives meanwhile from the store (nothing is held).
   */
  private static final class Delivery {
    /** The replay in progress; {@code null} once the member receives live messages. */
    Replay replay;
  }

  Room(String name, boolean listsUsers) {
    this.name = name;
    this.listsUsers = listsUsers;
  }

  /** Work for a room, and what to do instead if the room cannot be loaded. */
  record Work(Consumer<Room> action, Runnable unavailable) {}

  /** Runs {@code work} now if the room is loaded, else once it is. */
  void whenLoaded(Work work) {
    if (loaded) {
      work.action().accept(this);
    } else {
      waiting.add(work);
    }
  }

  void loaded(long lastStored, RoomPolicy policy, String topic) {
    this.topic = topic;
    owners.addAll(policy.owners());
    banned.addAll(policy.banned());
    last = lastStored;
    listedLast = lastStored;
    loaded = true;
    List<Work> ready = List.copyOf(waiting);
    waiting.clear();
    ready.forEach(w -> w.action().accept(this));
  }

  /** Gives up the work that was waiting for a load that failed. */
  void loadFailed() {
    List<Work> abandoned = List.copyOf(waiting);
    waiting.clear();
    abandoned.forEach(w -> w.unavailable().run());
  }

  long last() {
    return last;
  }

  /** The room is being used now (which only matters while nobody is in it). */
  void touch() {
    if (members.isEmpty()) {
      lastUsedNanos = System.nanoTime();
    }
  }

  /** A message of this room was handed to the store. */
  void storing() {
    storing++;
  }

  /** The store answered for a message of this room. */
  void stored() {
    storing--;
    touch();
  }

  /**
   * Whether the room may leave memory: loaded, nobody in it, nothing on its way to or from the
   * store, and unused for {@code idleNanos}. (A member's replay ends when it leaves.)
   */
  boolean isIdle(long nowNanos, long idleNanos) {
    return loaded && members.isEmpty() && storing == 0 && waiting.isEmpty()
        && nowNanos - lastUsedNanos > idleNanos;
  }

  int memberCount() {
    return members.size();
  }

  boolean contains(Member m) {
    return members.containsKey(m);
  }

  /** Adds a member; returns {@code true} when it is its user's first connection here. */
  boolean add(Member m) {
    if (members.putIfAbsent(m, new Delivery()) != null) {
      return false;
    }
    listedMembers = members.size();
    Occupant o = occupants.computeIfAbsent(m.userKey(), k -> new Occupant(m.user()));
    if (++o.connections == 1) {
      listUsers();
      return true;
    }
    return false;
  }

  /** Removes a member; returns {@code true} when it was its user's last connection here. */
  boolean remove(Member m) {
    if (members.remove(m) == null) {
      return false;
    }
    listedMembers = members.size();
    touch();
    Occupant o = occupants.get(m.userKey());
    if (--o.connections == 0) {
      occupants.remove(m.userKey());
      listUsers();
      return true;
    }
    return false;
  }

  private void listUsers() {
    if (!listsUsers) {
      return;
    }
    Map<String, String> users = new HashMap<>();
    occupants.forEach((key, o) -> users.put(key, o.name));
    listedUsers = Map.copyOf(users);
  }

  /** Whether a user has a connection here, on this node. */
  boolean hasUser(String userKey) {
    return occupants.containsKey(userKey);
  }

  /** Every connection of one user here. */
  List<Member> connectionsOf(String userKey) {
    List<Member> out = new ArrayList<>();
    members.keySet().forEach(m -> {
      if (m.userKey().equals(userKey)) {
        out.add(m);
      }
    });
    return out;
  }

  /** The users connected here now, by name, each once, by key; with those on other nodes. */
  List<String> memberNames(Map<String, String> elsewhere) {
    if (elsewhere.isEmpty()) {
      List<String> names = new ArrayList<>(occupants.size());
      occupants.values().forEach(o -> names.add(o.name));
      return names;
    }
    TreeMap<String, String> all = new TreeMap<>(elsewhere);
    occupants.forEach((key, o) -> all.put(key, o.name));
    return new ArrayList<>(all.values());
  }

  /** Sends to every member here (news of someone on another node). */
  void sendToAll(EncodedFrame frame) {
    sendToAllBut(null, frame);
  }

  /** Sends to every member but {@code but} (which may be {@code null}). */
  void sendToAllBut(Member but, EncodedFrame frame) {
    FanOut fanOut = new FanOut();
    members.keySet().forEach(m -> {
      if (m != but) {
        fanOut.add(m);
      }
    });
    fanOut.send(frame);
  }

  /** Sends to every member not of {@code userKey}'s user (presence is news to others only). */
  void sendToOthers(String userKey, EncodedFrame frame) {
    FanOut fanOut = new FanOut();
    members.keySet().forEach(m -> {
      if (!m.userKey().equals(userKey)) {
        fanOut.add(m);
      }
    });
    fanOut.send(frame);
  }

  /**
   * Takes a stored message, encoded once: the next one is delivered at once (with any waiting
   * behind it), one already delivered is dropped, and one past a gap waits for the gap to be
   * filled. Returns how many frames went out.
   */
  int offer(long id, EncodedFrame msg) {
    if (id <= last) {
      return 0;
    }
    if (id > last + 1) {
      fillTo = Math.max(fillTo, id);
      if (ahead.size() < MAX_AHEAD) {
        ahead.put(id, msg);
      }
      return 0;
    }
    int sent = deliver(id, msg);
    for (var next = ahead.pollFirstEntry(); next != null; next = ahead.pollFirstEntry()) {
      if (next.getKey() > last + 1) {
        ahead.put(next.getKey(), next.getValue());
        break;
      }
      if (next.getKey() == last + 1) {
        sent += deliver(next.getKey(), next.getValue());
      }
    }
    return sent;
  }

  /** Whether the room is behind what the store is known to hold (a gap to fill). */
  boolean behind() {
    return fillTo > last;
  }

  /** Delivers the next message to every member; returns how many. */
  private int deliver(long id, EncodedFrame msg) {
    last = id;
    listedLast = last;
    FanOut fanOut = new FanOut();
    members.forEach((m, d) -> {
      if (d.replay == null) {
        fanOut.add(m); // a replaying member reads this one from the store
      }
    });
    fanOut.send(msg);
    return members.size();
  }

  /**
   * Starts {@code m}'s replay of the messages after {@code after}, in place of any it had (a
   * join again); with nothing to replay, {@code m} receives live from now on. Returns the
   * replay, or {@code null}.
   */
  Replay replayFrom(Member m, long after, String ref) {
    Delivery d = members.get(m);
    if (d == null) {
      return null;
    }
    d.replay = after < last ? new Replay(m, after, ref) : null;
    return d.replay;
  }

  /** Whether {@code r} is still its member's replay: it has not left, gone, or joined again. */
  boolean isReplaying(Replay r) {
    Delivery d = members.get(r.member);
    return d != null && d.replay == r;
  }

  /** {@code r} is over (caught up, or a read failed): its member receives live from now on. */
  void live(Replay r) {
    if (isReplaying(r)) {
      members.get(r.member).replay = null;
    }
  }
}
