package dev.parley.client;

import dev.parley.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/** One room as {@link RoomLedger} keeps it. Every field is owned by the client's loop. */
final class RoomState {
  /** {@link #delivered} before the first message of a join without {@code since}. */
  static final long NONE = -1;

  final String name;
  /** Joined by the application and not left: rejoined after every reconnect. */
  boolean wanted;
  /** The highest id delivered to the application, or {@link #NONE}. */
  long delivered;
  /** A {@code joined} arrived on the current connection (sends to the room may go out). */
  boolean joinedOnLink;
  boolean joinInFlight;
  boolean fillInFlight;
  /** Messages beyond a gap, by id. */
  final TreeMap<Long, ServerFrame.Msg> ahead = new TreeMap<>();
  /** The application's {@code join} calls waiting for the next {@code joined}. */
  final List<CompletableFuture<ServerFrame.Joined>> joinWaiters = new ArrayList<>();
  /** Edits, deletes, the read marker, the unread count and the topic. */
  final RoomView view;
  /** When {@code typing} last went out for the room ({@link System#nanoTime}), if ever. */
  Long typingSentAt;

  RoomState(String name, long delivered) {
    this.name = name;
    this.delivered = delivered;
    this.view = new RoomView(name);
  }

  /** The {@code since} for (re)joining: what was delivered, or none yet. */
  Long since() {
    return delivered == NONE ? null : delivered;
  }
}
