package dev.parley.desktop.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rooms in the sidebar: public rooms in the order they were joined, then private
 * conversations; which one is open; how far the user has read each (the server's read marker,
 * shared by all the user's devices) and so how many messages each has unread.
 */
public final class RoomDirectory {
  private final Map<String, Marker> rooms = new LinkedHashMap<>();
  private String selected;

  private static final class Marker {
    long read;
    Unread unread = Unread.NONE;
  }

  /** Adds a room (if new), read up to {@code read}; true when it was new. */
  public boolean add(String room, long read) {
    if (rooms.containsKey(room)) {
      markRead(room, read);
      return false;
    }
    Marker m = new Marker();
    m.read = read;
    rooms.put(room, m);
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

  public void select(String room) {
    selected = room;
  }

  public String selected() {
    return selected;
  }

  /**
   * Moves the room's read marker to {@code id} (this device read it, or another device said
   * so); never backwards. True when it moved.
   */
  public boolean markRead(String room, long id) {
    Marker m = rooms.get(room);
    if (m == null || id <= m.read) {
      return false;
    }
    m.read = id;
    return true;
  }

  /** How far the room is read (0: nothing, or not a room of the list). */
  public long read(String room) {
    Marker m = rooms.get(room);
    return m == null ? 0 : m.read;
  }

  /** Counts the room's unread messages again from its conversation; true when the count changed. */
  public boolean recount(Conversation conversation, String me) {
    Marker m = rooms.get(conversation.room());
    if (m == null) {
      return false;
    }
    Unread now = conversation.unreadAfter(m.read, me);
    boolean changed = !now.equals(m.unread);
    m.unread = now;
    return changed;
  }

  public Unread unread(String room) {
    Marker m = rooms.get(room);
    return m == null ? Unread.NONE : m.unread;
  }

  /** Public rooms first (in join order), then private conversations (in the order they began). */
  public List<RoomEntry> entries() {
    List<RoomEntry> publicRooms = new ArrayList<>();
    List<RoomEntry> direct = new ArrayList<>();
    rooms.forEach((room, m) -> {
      RoomEntry e = new RoomEntry(room, m.unread);
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
