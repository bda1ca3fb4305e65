package dev.parley.app.chaos;

import dev.parley.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every send the fleet started and how it ended, every message each member was delivered, when
 * each message was first known and last delivered, and every client's logins. Thread-safe:
 * senders, callback threads and the main thread all write or read it.
 */
final class Ledger {
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong idReused = new AtomicLong();
  private final AtomicLong slowestAck = new AtomicLong();
  private final Queue failures = new Queue();
  /** room → id → the text acknowledged with that id. */
  private final Map<String, Map<Long, String>> acked = new ConcurrentHashMap<>();
  /** member (client index) → room → what it was delivered. */
  private final Map<Integer, Map<String, MemberRecord>> members = new ConcurrentHashMap<>();
  /** room → id → when it was first acked or delivered, and when it was last delivered. */
  private final Map<String, Map<Long, Seen>> seen = new ConcurrentHashMap<>();
  /** client index → logins (the first one and every reconnect). */
  private final Map<Integer, AtomicLong> logins = new ConcurrentHashMap<>();

  /** System.nanoTime() of a message's first sighting (its ack or a delivery) and its last delivery. */
  private record Seen(long first, long lastDelivery) {
    Seen and(long now, boolean delivery) {
      return new Seen(Math.min(first, now), delivery ? Math.max(lastDelivery, now) : lastDelivery);
    }
  }

  /** Registers a member before anything is sent, so a member that hears nothing still counts. */
  void member(int client, String room) {
    members.computeIfAbsent(client, c -> new ConcurrentHashMap<>()).put(room, new MemberRecord());
  }

  void delivered(int client, ServerFrame.Msg msg) {
    MemberRecord record = members.getOrDefault(client, Map.of()).get(msg.room());
    if (record != null) {
      record.delivered(msg.id());
      sighted(msg.room(), msg.id(), true);
    }
  }

  /** The longest a send waited for its ack, in seconds (through reconnects and resends). */
  double slowestAckSeconds() {
    return slowestAck.get() / 1e9;
  }

  void loggedIn(int client) {
    logins.computeIfAbsent(client, c -> new AtomicLong()).incrementAndGet();
  }

  /** Logins after each client's first: how often the fleet reconnected, to any node. */
  long reconnects() {
    return logins.values().stream().mapToLong(n -> Math.max(0, n.get() - 1)).sum();
  }

  /**
   * The longest any acknowledged message took from its first sighting (its ack at the sender, or
   * its first delivery, whichever came first) to its last delivery at a member, in seconds: how
   * long the slowest member waited, through faults and catching up.
   */
  double maxCatchUpSeconds() {
    long max = 0;
    for (Map.Entry<String, Map<Long, String>> room : acked.entrySet()) {
      Map<Long, Seen> times = seen.getOrDefault(room.getKey(), Map.of());
      for (Long id : room.getValue().keySet()) {
        Seen s = times.get(id);
        if (s != null && s.lastDelivery() > Long.MIN_VALUE) {
          max = Math.max(max, s.lastDelivery() - s.first());
        }
      }
    }
    return max / 1e9;
  }

  private void sighted(String room, long id, boolean delivery) {
    long now = System.nanoTime();
    seen.computeIfAbsent(room, r -> new ConcurrentHashMap<>()).merge(id,
        new Seen(now, delivery ? now : Long.MIN_VALUE), (old, fresh) -> old.and(now, delivery));
  }

  void started() {
    started.incrementAndGet();
  }

  void acked(ServerFrame.Ack ack, String text, long sendToAckNanos) {
    slowestAck.accumulateAndGet(sendToAckNanos, Math::max);
    String before = acked.computeIfAbsent(ack.room(), r -> new ConcurrentHashMap<>()).putIfAbsent(ack.id(), text);
    if (before != null) {
      idReused.incrementAndGet(); // two sends acknowledged with one id
    }
    sighted(ack.room(), ack.id(), false);
  }

  void failed(Throwable reason) {
    failed.incrementAndGet();
    failures.add(String.valueOf(reason.getMessage()));
  }

  long startedCount() {
    return started.get();
  }

  long ackedCount() {
    return acked.values().stream().mapToLong(Map::size).sum() + idReused.get();
  }

  long failedCount() {
    return failed.get();
  }

  long idReused() {
    return idReused.get();
  }

  List<String> someFailures() {
    return failures.snapshot();
  }

  /** The acknowledged ids and texts of one room. */
  Map<Long, String> ackedIn(String room) {
    return acked.getOrDefault(room, Map.of());
  }

  Map<Integer, Map<String, MemberRecord>> members() {
    return members;
  }

  /** Acknowledged messages some member of their room has not been delivered (yet). */
  long lost() {
    long lost = 0;
    for (Map<String, MemberRecord> rooms : members.values()) {
      for (Map.Entry<String, MemberRecord> e : rooms.entrySet()) {
        MemberRecord record = e.getValue();
        for (Long id : ackedIn(e.getKey()).keySet()) {
          if (!record.has(id)) {
            lost++;
          }
        }
      }
    }
    return lost;
  }

  /** The first few failure reasons, for the report. */
  private static final class Queue {
    private static final int KEPT = 5;
    private final ConcurrentLinkedQueue<String> items = new ConcurrentLinkedQueue<>();
    private final AtomicLong size = new AtomicLong();

    void add(String reason) {
      if (size.incrementAndGet() <= KEPT) {
        items.add(reason);
      }
    }

    List<String> snapshot() {
      return new ArrayList<>(items);
    }
  }
}
