package dev.parley.client;

import dev.parley.protocol.Names;
import dev.parley.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the client has delivered per room, and so what it asks for after a reconnect. It is
 * the exactly-once, in-order gate: a message at or below a room's delivered id is a duplicate
 * and dropped; the next id is delivered; one beyond a gap waits (up to {@value #MAX_AHEAD} per
 * room) until the gap is filled by a replay or a history page. Owned by the client's loop.
 */
final class RoomLedger {
  private static final Logger log = LoggerFactory.getLogger(RoomLedger.class);
  /** The largest history page, used to fill gaps. */
  static final int PAGE = 200;
  /** Messages kept beyond a gap; later ones are dropped and fetched again once it closes. */
  static final int MAX_AHEAD = 10_000;

  private final Map<String, RoomState> rooms = new HashMap<>();

  RoomState get(String room) {
    return rooms.get(room);
  }

  /** The application joins: from {@code since}, or (when null) from whatever comes first. */
  RoomState want(String room, Long since) {
    RoomState state = rooms.computeIfAbsent(
        room, r -> new RoomState(r, since == null ? RoomState.NONE : since));
    state.wanted = true;
    return state;
  }

  /** Tracks a room without wanting it (a private conversation), from {@code delivered}. */
  RoomState track(String room, long delivered) {
    return rooms.computeIfAbsent(room, r -> new RoomState(r, delivered));
  }

  /** The application leaves: messages that still arrive for the room are dropped. */
  RoomState forget(String room) {
    return rooms.remove(room);
  }

  Collection<RoomState> all() {
    return rooms.values();
  }

  /** The connection is gone: nothing is joined or in flight, and replays will resend. */
  void linkDown() {
    for (RoomState r : rooms.values()) {
      r.joinedOnLink = false;
      r.joinInFlight = false;
      r.fillInFlight = false;
      r.ahead.clear();
    }
  }

  /** Takes a message; returns those now deliverable, in order (none for a duplicate). */
  List<ServerFrame.Msg> offer(ServerFrame.Msg msg) {
    RoomState r = rooms.get(msg.room());
    if (r == null) {
      if (!Names.isDirect(msg.room())) {
        return List.of(); // a room the application left
      }
      r = track(msg.room(), 0); // a conversation that began since the first welcome
    }
    if (r.delivered == RoomState.NONE) {
      r.delivered = msg.id() - 1;
    }
    if (msg.id() <= r.delivered) {
      return List.of();
    }
    if (msg.id() > r.delivered + 1) {
      if (r.ahead.size() < MAX_AHEAD || msg.id() < r.ahead.lastKey()) {
        r.ahead.put(msg.id(), msg);
        if (r.ahead.size() > MAX_AHEAD) {
          r.ahead.pollLastEntry();
        }
      }
      return List.of();
    }
    List<ServerFrame.Msg> ready = new ArrayList<>();
    deliver(r, msg, ready);
    return ready;
  }

  /**
   * Where a gap-filling history page should end ({@code before}), or {@code null} when the room
   * has no gap or something that may fill it is already on its way.
   */
  Long fillBefore(RoomState r) {
    if (r.ahead.isEmpty() || r.joinInFlight || r.fillInFlight) {
      return null;
    }
    return Math.min(r.delivered + 1 + PAGE, r.ahead.firstKey());
  }

  /**
   * A gap-filling page arrived; returns what became deliverable. Should the page not reach
   * past the gap (the server no longer has those ids), the gap is skipped rather than waited
   * on for ever.
   */
  List<ServerFrame.Msg> filled(RoomState r, List<ServerFrame.Msg> page) {
    long before = r.delivered;
    List<ServerFrame.Msg> ready = new ArrayList<>();
    for (ServerFrame.Msg m : page) {
      ready.addAll(offer(m));
    }
    if (r.delivered == before && !r.ahead.isEmpty()) {
      long next = page.stream().mapToLong(ServerFrame.Msg::id).filter(id -> id > before)
          .min().orElse(r.ahead.firstKey());
      next = Math.min(next, r.ahead.firstKey());
      log.warn("room {}: ids {} to {} are missing on the server; skipping them", r.name, before + 1, next - 1);
      r.delivered = next - 1;
      for (ServerFrame.Msg m : page) {
        ready.addAll(offer(m));
      }
      drainAhead(r, ready);
    }
    return ready;
  }

  private void deliver(RoomState r, ServerFrame.Msg msg, List<ServerFrame.Msg> ready) {
    ready.add(msg);
    r.delivered = msg.id();
    drainAhead(r, ready);
  }

  private void drainAhead(RoomState r, List<ServerFrame.Msg> ready) {
    while (!r.ahead.isEmpty() && r.ahead.firstKey() <= r.delivered + 1) {
      ServerFrame.Msg next = r.ahead.pollFirstEntry().getValue();
      if (next.id() == r.delivered + 1) {
        ready.add(next);
        r.delivered = next.id();
      }
    }
  }
}
