package dev.parley.server.cluster;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.parley.server.store.StoredMessage;
import java.util.Map;

/**
 * Something one node tells the others through the broker. Every event names the node it came
 * from, so a node ignores its own. Events may be lost (Redis pub/sub is at most once): each
 * kind is either repaired from the store (messages) or repeated (a node's state).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ClusterEvent.Stored.class, name = "stored"),
  @JsonSubTypes.Type(value = ClusterEvent.NodeState.class, name = "node"),
  @JsonSubTypes.Type(value = ClusterEvent.Moderated.class, name = "moderated"),
  @JsonSubTypes.Type(value = ClusterEvent.Presence.class, name = "presence"),
  @JsonSubTypes.Type(value = ClusterEvent.Typing.class, name = "typing"),
  @JsonSubTypes.Type(value = ClusterEvent.ReadMarked.class, name = "read"),
  @JsonSubTypes.Type(value = ClusterEvent.TopicSet.class, name = "topic"),
})
public sealed interface ClusterEvent {
  String node();

  /**
   * A message was stored (and acknowledged) on {@code node}. {@code bot}, {@code editOf} and
   * {@code deleteOf} are absent (false, 0) in events from nodes older than them.
   */
  record Stored(
      String node, String room, long id, String from, String text, long ts, boolean bot, long editOf, long deleteOf)
      implements ClusterEvent {
    public static Stored of(String node, StoredMessage m) {
      return new Stored(node, m.room(), m.id(), m.from(), m.text(), m.ts(), m.bot(), m.editOf(), m.deleteOf());
    }

    public StoredMessage message() {
      return new StoredMessage(room, id, from, text, ts, bot, editOf, deleteOf, false);
    }
  }

  /**
   * A node's whole state as the others need it, sent every second (so it is also the node's
   * heartbeat) and soon after it changes: who is connected in which public room. A node not
   * heard from for three beats is gone, and its users with it.
   */
  record NodeState(String node, long version, Map<String, RoomPresence> rooms) implements ClusterEvent {}

  /**
   * One user came to a room on {@code node} (its first connection there) or left it (its last),
   * sent at once, before the user is answered: so the others' lists are current by the time
   * the user can tell anyone. {@code version} orders it against the node's states: a node's
   * changes are numbered, and a state carries the number it was read after.
   */
  record Presence(String node, long version, String room, String userKey, String name, boolean in, int connections)
      implements ClusterEvent {}

  /** Who is in one room on one node: users by key with their names, and how many connections. */
  record RoomPresence(Map<String, String> users, int connections) {}

  /**
   * An owner's kick, ban, unban or op, stored (all but a kick) and applied on {@code node}: the
   * others apply it to their own connections and their copy of the room's owners and bans.
   */
  record Moderated(String node, String room, String action, String userKey, String by) implements ClusterEvent {}

  /** A user is typing in a room on {@code node}: the room's members elsewhere are told. */
  record Typing(String node, String room, String userKey, String user) implements ClusterEvent {}

  /**
   * A user's read marker of a room moved (stored) on {@code node}; the user is told by {@code
   * identity} (one account), so an earlier account of the name hears nothing.
   */
  record ReadMarked(String node, String identity, String room, long id) implements ClusterEvent {}

  /** A room's topic was set (stored) on {@code node}; {@code text} {@code ""} clears it. */
  record TopicSet(String node, String room, String text, String by) implements ClusterEvent {}
}
