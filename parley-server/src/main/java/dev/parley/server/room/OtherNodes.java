package dev.parley.server.room;

import dev.parley.server.cluster.ClusterEvent;
import dev.parley.server.cluster.ClusterEvent.RoomPresence;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node knows of the other nodes of its cluster: the last state each sent, and when.
 * Written by the broker's thread and the feed's timer, read by lanes (member lists, presence)
 * and the room list; each node's entry is replaced whole.
 */
final class OtherNodes {
  /** A node's last known state, when it was last heard from, and the newest change it holds. */
  private record Heard(Map<String, RoomPresence> rooms, long atNanos, long version) {}

  /** The users who came to or left a room on one node, by key with their names. */
  record Change(Map<String, String> came, Map<String, String> left) {}

  private final ConcurrentHashMap<String, Heard> nodes = new ConcurrentHashMap<>();

  /**
   * Takes a node's new state; returns, per room, who came and went there since its last. A
   * state older than a change already applied only says the node is alive.
   */
  Map<String, Change> update(ClusterEvent.NodeState state, long nowNanos) {
    while (true) {
      Heard was = nodes.get(state.node());
      if (was != null && state.version() < was.version()) {
        if (nodes.replace(state.node(), was, new Heard(was.rooms(), nowNanos, was.version()))) {
          return Map.of();
        }
        continue; // changed meanwhile: look again
      }
      Heard now = new Heard(Map.copyOf(state.rooms()), nowNanos, state.version());
      if (was == null ? nodes.putIfAbsent(state.node(), now) == null : nodes.replace(state.node(), was, now)) {
        return changes(was == null ? Map.of() : was.rooms(), state.rooms());
      }
    }
  }

  /** Takes one change of a node's state (a user came or left a room there). */
  Map<String, Change> apply(ClusterEvent.Presence p, long nowNanos) {
    while (true) {
      Heard was = nodes.get(p.node());
      if (was != null && p.version() <= was.version()) {
        return Map.of(); // the state it belongs to has come already
      }
      Map<String, RoomPresence> rooms = new HashMap<>(was == null ? Map.of() : was.rooms());
      RoomPresence room = rooms.get(p.room());
      Map<String, String> users = new HashMap<>(room == null ? Map.of() : room.users());
      if (p.in()) {
        users.put(p.userKey(), p.name());
      } else {
        users.remove(p.userKey());
      }
      if (users.isEmpty()) {
        rooms.remove(p.room());
      } else {
        rooms.put(p.room(), new RoomPresence(Map.copyOf(users), p.connections()));
      }
      Heard now = new Heard(Map.copyOf(rooms), nowNanos, p.version());
      if (was == null ? nodes.putIfAbsent(p.node(), now) == null : nodes.replace(p.node(), was, now)) {
        return changes(was == null ? Map.of() : was.rooms(), rooms);
      }
    }
  }


  /** Forgets the nodes not heard from within {@code silence}; returns who left where. */
  Map<String, Change> expire(long nowNanos, long silenceNanos) {
    Map<String, Change> all = new HashMap<>();
    for (var e : nodes.entrySet()) {
      if (nowNanos - e.getValue().atNanos() > silenceNanos && nodes.remove(e.getKey(), e.getValue())) {
        changes(e.getValue().rooms(), Map.of()).forEach((room, c) -> all.merge(room, c, OtherNodes::merge));
      }
    }
    return all;
  }

  /** Whether this node has heard from {@code node} (and not given it up since). */
  boolean knows(String node) {
    return nodes.containsKey(node);
  }

  /** The users in a room on other nodes, key to name. */
  Map<String, String> usersIn(String room) {
    Map<String, String> users = null;
    for (Heard h : nodes.values()) {
      RoomPresence p = h.rooms().get(room);
      if (p != null) {
        if (users == null) {
          users = new HashMap<>();
        }
        users.putAll(p.users());
      }
    }
    return users == null ? Map.of() : users;
  }

  /** Whether a user is in a room on any other node. */
  boolean hasUser(String room, String userKey) {
    return nodesWith(room, userKey) > 0;
  }

  /** On how many other nodes a user is in a room. */
  int nodesWith(String room, String userKey) {
    int n = 0;
    for (Heard h : nodes.values()) {
      RoomPresence p = h.rooms().get(room);
      if (p != null && p.users().containsKey(userKey)) {
        n++;
      }
    }
    return n;
  }

  /** Connections in each room on other nodes. */
  Map<String, Integer> connections() {
    Map<String, Integer> counts = new HashMap<>();
    nodes.values().forEach(h -> h.rooms().forEach((room, p) -> counts.merge(room, p.connections(), Integer::sum)));
    return counts;
  }

  private static Map<String, Change> changes(Map<String, RoomPresence> before, Map<String, RoomPresence> after) {
    Set<String> rooms = new HashSet<>(before.keySet());
    rooms.addAll(after.keySet());
    Map<String, Change> out = new HashMap<>();
    for (String room : rooms) {
      Map<String, String> was = users(before.get(room));
      Map<String, String> is = users(after.get(room));
      Map<String, String> came = new HashMap<>(is);
      came.keySet().removeAll(was.keySet());
      Map<String, String> left = new HashMap<>(was);
      left.keySet().removeAll(is.keySet());
      if (!came.isEmpty() || !left.isEmpty()) {
        out.put(room, new Change(came, left));
      }
    }
    return out;
  }

  private static Map<String, String> users(RoomPresence p) {
    return p == null ? Map.of() : p.users();
  }

  private static Change merge(Change a, Change b) {
    Map<String, String> came = new HashMap<>(a.came());
    came.putAll(b.came());
    Map<String, String> left = new HashMap<>(a.left());
    left.putAll(b.left());
    return new Change(came, left);
  }
}
