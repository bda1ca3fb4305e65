package dev.parley.server.cluster;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.parley.server.store.StoredMessage;

/**
 * Something one node tells the others through the broker. Every event names the node it came
 * from, so a node ignores its own. Events may be lost (Redis pub/sub is at most once): each
 * kind is either repaired from the store (messages) or repeated (a node's state).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ClusterEvent.Stored.class, name = "stored"),
})
public sealed interface ClusterEvent {
  String node();

  /** A message was stored (and acknowledged) on {@code node}. */
  record Stored(String node, String room, long id, String from, String text, long ts) implements ClusterEvent {
    public static Stored of(String node, StoredMessage m) {
      return new Stored(node, m.room(), m.id(), m.from(), m.text(), m.ts());
    }

    public StoredMessage message() {
      return new StoredMessage(room, id, from, text, ts);
    }
  }
}
