package dev.parley.app.chaos;

import dev.parley.client.ClientOptions;
import dev.parley.client.Credentials;
import dev.parley.client.Endpoint;
import dev.parley.client.ParleyClient;
import dev.parley.protocol.ServerFrame;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Reads every room's whole history back and checks it against the ledger: every acknowledged
 * message is stored under its id with its text, no text is stored twice, and the ids run 1, 2,
 * 3, … without a gap. A single server's history is read through a fresh client, newest page
 * first; a cluster's straight from its PostgreSQL tables, whichever node stored what.
 */
final class StoreAudit {
  private static final int PAGE = 200;

  /** What the store holds, compared with the ledger. */
  record Result(long stored, long missing, long duplicated, long gaps) {
    boolean clean() {
      return missing == 0 && duplicated == 0 && gaps == 0;
    }
  }

  /** One room's stored messages, id → text. */
  private interface Room {
    Map<Long, String> read(String room) throws Exception;
  }

  static Result run(int tcpPort, String runTag, List<String> rooms, Ledger ledger) throws Exception {
    ClientOptions options =
        ClientOptions.of(Endpoint.tcp("127.0.0.1", tcpPort), Credentials.guest("audit-" + runTag));
    try (ParleyClient auditor = ParleyClient.create(options)) {
      auditor.connect().get(60, TimeUnit.SECONDS);
      return check(rooms, ledger, room -> readAll(auditor, room));
    }
  }

  static Result run(ChaosDatabase database, List<String> rooms, Ledger ledger) throws Exception {
    return check(rooms, ledger, database::messages);
  }

  private static Result check(List<String> rooms, Ledger ledger, Room reader) throws Exception {
    long stored = 0;
    long missing = 0;
    long duplicated = 0;
    long gaps = 0;
    for (String room : rooms) {
      Map<Long, String> texts = reader.read(room);
      stored += texts.size();
      Set<String> distinct = new HashSet<>(texts.values());
      duplicated += texts.size() - distinct.size();
      long highest = texts.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
      gaps += highest - texts.size();
      for (Map.Entry<Long, String> ack : ledger.ackedIn(room).entrySet()) {
        if (!ack.getValue().equals(texts.get(ack.getKey()))) {
          missing++;
        }
      }
    }
    return new Result(stored, missing, duplicated, gaps);
  }

  /** Pages back from the newest message; {@code more} says when the oldest has been read. */
  private static Map<Long, String> readAll(ParleyClient auditor, String room) throws Exception {
    Map<Long, String> texts = new HashMap<>();
    Long before = null;
    while (true) {
      ServerFrame.HistoryPage page = auditor.history(room, before, PAGE).get(60, TimeUnit.SECONDS);
      for (ServerFrame.Msg m : page.messages()) {
        texts.put(m.id(), m.text());
      }
      if (!page.more() || page.messages().isEmpty()) {
        return texts;
      }
      before = page.messages().get(0).id();
    }
  }
}
