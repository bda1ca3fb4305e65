package dev.parley.desktop.model;

import dev.parley.protocol.Names;
import java.util.List;

/**
 * A row of the room list.
 *
 * @param room the room's name ({@code dm:a:b} for a private conversation)
 * @param unread messages from others after the user's read marker (the same on every device)
 */
public record RoomEntry(String room, Unread unread) {

  public RoomEntry(String room) {
    this(room, Unread.NONE);
  }

  public boolean isDirect() {
    return Names.isDirect(room);
  }

  /** {@code #lobby}, or for a private conversation the other person's name. */
  public String label(String me) {
    if (!isDirect()) {
      return "#" + room;
    }
    return otherPerson(room, me);
  }

  /** The other person of a private conversation {@code dm:a:b}, seen by {@code me}. */
  public static String otherPerson(String directRoom, String me) {
    List<String> two = Names.participants(directRoom);
    if (two.isEmpty()) {
      return directRoom;
    }
    return two.get(0).equals(Names.key(me)) ? two.get(1) : two.get(0);
  }
}
