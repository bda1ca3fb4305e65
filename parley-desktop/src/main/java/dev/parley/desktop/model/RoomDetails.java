package dev.parley.desktop.model;

import dev.parley.protocol.Names;
import java.util.List;

/**
 * What the conversation header needs to know of a room beyond its messages: its topic and
 * whether the user owns it (owners set the topic and may delete anyone's message).
 */
public final class RoomDetails {
  private String topic = "";
  private List<String> owners = List.of();

  /** From {@code joined}: the topic ({@code null} when none is set) and the owners' user keys. */
  public void joined(String topic, List<String> owners) {
    this.topic = topic == null ? "" : topic;
    this.owners = owners == null ? List.of() : List.copyOf(owners);
  }

  /** A {@code topic} frame: the new topic, {@code ""} when it was cleared. */
  public void topic(String text) {
    topic = text == null ? "" : text;
  }

  /** The topic, {@code ""} when none is set. */
  public String topic() {
    return topic;
  }

  public boolean ownedBy(String user) {
    return owners.contains(Names.key(user));
  }
}
