package dev.parley.desktop.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rooms in the sidebar: public rooms in the order they were joined, then private
 * conversations; which one is open; and how many messages from others each has unread. A room
 * counts as read up to the newest id it had when it was joined or last open, so a join's replay
 * of old messages is not "unread".
 */
public final class RoomDirectory {
  private final Map<String, Counter> rooms = new LinkedHashMap<>();
  private String selected;

  private static final class Counter {
    long seenUpTo;
    int unread;
  }

  /** Adds a room (if new), read up to {@code seenUpTo}; true when it was new. */
  public boolean add(String room, long seenUpTo) {
    if (rooms.containsKey(room)) {
      return false;
    }
    Counter c = new Counter();
    c.seenUpTo = seenUpTo;
    rooms.put(room, c);
    return true;
  }

  public boolean contains(String room) {
    return rooms.containsKey(room);
  }

  public void remove(String room) {
    rooms.remove(room);
    if (room.equals(selected)) {
      selected = null;
    }
  }

  /** Opens a room: its unread count goes to 0. */
  public void select(String room) {
    selected = room;
    Counter c = rooms.get(room);
    if (c != null) {
      c.unread = 0;
    }
  }

  public String selected() {
    return selected;
  }

  /**
   * A message arrived: it counts as unread when it is newer than what was seen, not from the user,
   * and its room is not the open one. Returns whether the count changed.
   */
  public boolean arrived(String room, long id, boolean fromMe) {
    Counter c = rooms.get(room);
    if (c == null || id <= c.seenUpTo) {
      return false;
    }
    c.seenUpTo = id;
    if (fromMe || room.equals(selected)) {
      return false;
    }
    c.unread++;
    return true;
  }

  public int unread(String room) {
    Counter c = rooms.get(room);
    return c == null ? 0 : c.unread;
  }

  /** Public rooms first (in join order), then private conversations (in the order they began). */
  public List<RoomEntry> entries() {
    List<RoomEntry> publicRooms = new ArrayList<>();
    List<RoomEntry> direct = new ArrayList<>();
    rooms.forEach((room, c) -> {
      RoomEntry e = new RoomEntry(room, c.unread);
      (e.isDirect() ? direct : publicRooms).add(e);
    });
    publicRooms.addAll(direct);
    return publicRooms;
  }

  /**
   * The room {@code step} places from the open one in the list's order, wrapping around; the
   * first room when none is open; {@code null} when there are none.
   */
  public String neighbour(int step) {
    List<RoomEntry> all = entries();
    if (all.isEmpty()) {
      return null;
    }
    int at = -1;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).room().equals(selected)) {
        at = i;
      }
    }
    if (at < 0) {
      return all.get(0).room();
    }
    return all.get(Math.floorMod(at + step, all.size())).room();
  }
}
