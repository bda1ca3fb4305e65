package dev.parley.server.transport.irc;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the gateway knows of one IRC connection: its registration, its capabilities, the requests
 * in flight and the replays open. Shared by the connection's inbound and outbound IRC handlers;
 * only touched on the connection's event loop.
 */
final class IrcClient {
  static final String SERVER = "parley";
  /** Requests in flight kept at most (the session's own backlog is bounded far below this). */
  private static final int MAX_PENDING = 2048;
  /** Own message ids remembered to leave their echo out. */
  private static final int MAX_OWN_IDS = 2048;

  /** What a request in flight was, to phrase its answer in IRC terms. */
  enum Kind { HELLO, JOIN, PART, SEND, NOTICE, DM, NAMES, WHO, LIST, HISTORY, MODERATE, TOPIC }

  /** A request in flight: what it was, its target (a channel or a nick), and a detail. */
  record Pending(Kind kind, String target, long detail) {}

  /** How the connection logs in when registration completes. */
  enum Login { GUEST, PASS, SASL }

  // Registration.
  String nick;
  boolean userGiven;
  String password;
  String passUser;
  boolean capNegotiating;
  final Set<String> caps = new HashSet<>();
  Login login = Login.GUEST;
  boolean helloPending;
  /** Set by the session's welcome: the Parley user this connection is. */
  String account;
  boolean registered;
  /** SASL PLAIN in progress: base64 collected so far, or {@code null}. */
  StringBuilder sasl;

  private final Map<String, Pending> pending =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
          return size() > MAX_PENDING;
        }
      };
  private final Set<String> ownIds =
      new LinkedHashSet<>() {
        @Override
        public boolean add(String id) {
          if (size() >= MAX_OWN_IDS) {
            remove(iterator().next());
          }
          return super.add(id);
        }
      };
  /** Rooms whose join replay is still arriving: the id it ends at and its batch, if any. */
  final Map<String, Replay> replays = new HashMap<>();
  /** Owners of each joined room (by key), from {@code joined}, for the '@' prefix. */
  final Map<String, List<String>> owners = new HashMap<>();
  /** The topic of each room joined that has one, by room. */
  final Map<String, String> topics = new HashMap<>();
  /**
   * Refs are the protocol's idempotency keys, remembered per user for a day: a random prefix per
   * connection keeps a line of this connection from being taken for a retry of another's.
   */
  private final String refPrefix =
      "irc-" + Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36) + "-";
  private long refs;
  private long batches;

  record Replay(long last, String batch) {}

  /** The name IRC shows for this connection: the account once logged in, else "*". */
  String me() {
    return account != null ? account : "*";
  }

  boolean has(String cap) {
    return caps.contains(cap);
  }

  /** A fresh ref for a request, remembered until its answer. */
  String request(Kind kind, String target, long detail) {
    String ref = refPrefix + ++refs;
    pending.put(ref, new Pending(kind, target, detail));
    return ref;
  }

  Pending answered(String ref) {
    return ref == null ? null : pending.remove(ref);
  }

  String newBatch() {
    return "b" + ++batches;
  }

  void sentByMe(String room, long id) {
    ownIds.add(room + "/" + id);
  }

  /** Whether a message is the echo of one this connection sent (left out without echo-message). */
  boolean isOwnEcho(String room, long id) {
    return ownIds.remove(room + "/" + id);
  }

  static String source(String user) {
    return user + "!" + user + "@" + SERVER;
  }

  /** A numeric reply to this client; the last parameter is sent as the trailing one. */
  String numeric(String code, String... params) {
    StringBuilder b = new StringBuilder(":").append(SERVER).append(' ').append(code).append(' ').append(me());
    for (int i = 0; i < params.length; i++) {
      b.append(i == params.length - 1 ? " :" : " ").append(params[i]);
    }
    return b.toString();
  }

  static String channel(String room) {
    return "#" + room;
  }
}
