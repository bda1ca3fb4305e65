package dev.parley.client;

import dev.parley.client.transport.Connector;
import dev.parley.client.transport.Dial;
import dev.parley.client.transport.Link;
import dev.parley.client.transport.LinkEvents;
import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ServerFrame;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One logical session with the server, across any number of connections: dialling, logging in,
 * noticing a dead server, reconnecting with backoff, and after every login rejoining each room
 * from the last id delivered and resending every unacknowledged send with its original ref.
 * Incoming frames are handled by {@link Inbound}. Every method runs on the client's loop, and
 * every field is owned by it (except {@link #state} and {@link #user}, written only there).
 */
final class ClientSession implements LinkEvents {
  final ClientOptions options;
  final ScheduledExecutorService loop;
  final Callbacks callbacks;
  final Listeners listeners;
  final Refs refs = new Refs();
  final RoomLedger ledger = new RoomLedger();
  final PendingSends sends = new PendingSends();
  final PendingRequests requests = new PendingRequests();
  final Outbox outbox;
  final Login login;
  /** One connector per server, in the order of {@link ClientOptions#servers()}. */
  private final List<Connector> connectors;
  private final ServerRotation rotation;
  private final Backoff backoff;
  private final Heartbeat heartbeat;
  private final Inbound inbound = new Inbound(this);
  final Resume resume = new Resume(this);
  private final CompletableFuture<ServerFrame.Welcome> firstWelcome = new CompletableFuture<>();
  private Link link;
  private boolean loggedIn;
  private boolean welcomedBefore;
  private boolean started;
  private boolean readingPaused;
  private ParleyException closedBecause;
  /** Why the current connection is ending, when the server said so ({@code bye}). */
  private String goodbye;
  private volatile ConnectionState state = ConnectionState.DISCONNECTED;
  private volatile String user;
  /** Per room, the unread count and topic last told, for the application to read any time. */
  private final Map<String, Integer> unread = new ConcurrentHashMap<>();
  private final Map<String, String> topics = new ConcurrentHashMap<>();

  ClientSession(ClientOptions options, ScheduledExecutorService loop, Callbacks callbacks, Listeners listeners) {
    this.options = options;
    this.loop = loop;
    this.callbacks = callbacks;
    this.listeners = listeners;
    this.connectors = options.servers().stream().map(e -> new Connector(loop, route(options, e))).toList();
    this.rotation = new ServerRotation(options.servers());
    this.outbox = new Outbox(loop, options.framesPerSecond());
    this.login = new Login(options.credentials());
    this.backoff = new Backoff(options.minBackoff(), options.maxBackoff(), ThreadLocalRandom.current());
    this.heartbeat = new Heartbeat(loop, () -> outbox.sendNow(new ClientFrame.Ping(null)), this::serverGone);
  }

  private static Dial route(ClientOptions o, Endpoint e) {
    return new Dial(e.host(), e.port(), e.webSocketUri(), e.tls(), o.trustedCertificate(),
        o.maxFrameBytes(), o.connectTimeout());
  }

  ConnectionState state() {
    return state;
  }

  String user() {
    return user;
  }

  boolean isLoggedIn() {
    return loggedIn;
  }

  Inbound inbound() {
    return inbound;
  }

  int unread(String room) {
    return unread.getOrDefault(room, 0);
  }

  String topic(String room) {
    return topics.getOrDefault(room, "");
  }

  /** Hands room events to the listeners, in order, and keeps what the getters answer. */
  void tell(List<Delivery> deliveries) {
    for (Delivery d : deliveries) {
      if (d instanceof Delivery.UnreadChanged u) {
        unread.put(u.room(), u.unread());
      } else if (d instanceof Delivery.TopicChanged t) {
        topics.put(t.room(), t.topic());
      }
      callbacks.run(() -> listeners.deliver(d));
    }
  }

  /** The room is no longer followed: nothing is unread in it. */
  void forgetRoom(String room) {
    if (unread.remove(room) != null) {
      callbacks.run(() -> listeners.deliver(new Delivery.UnreadChanged(room, 0)));
    }
    topics.remove(room);
  }

  // ---- the application's requests (hopped onto the loop by ParleyClient) ----

  void start(CompletableFuture<ServerFrame.Welcome> answer) {
    firstWelcome.whenComplete((w, e) -> {
      if (e != null) {
        callbacks.fail(answer, e);
      } else {
        callbacks.complete(answer, w);
      }
    });
    if (!started && closedBecause == null) {
      started = true;
      dial();
    }
  }

  void close() {
    if (closedBecause == null) {
      end(ParleyException.closed(), "closed");
    }
  }

  /** Fails {@code future} and returns true when the session has ended. */
  boolean refuseIfClosed(CompletableFuture<?> future) {
    if (closedBecause != null) {
      callbacks.fail(future, closedBecause);
      return true;
    }
    return false;
  }

  // ---- connections ----

  private void dial() {
    if (closedBecause != null) {
      return;
    }
    goodbye = null;
    link = connectors.get(rotation.index()).newLink(this);
    setState(ConnectionState.CONNECTING, "connecting to " + rotation.current());
    link.open();
  }

  @Override
  public void opened(Link opened) {
    if (opened != link) {
      opened.close();
      return;
    }
    outbox.attach(link);
    heartbeat.start(options.heartbeat());
    sendLogin();
  }

  void sendLogin() {
    String ref = refs.next();
    requests.put(ref, new Request.Login());
    outbox.send(login.frame(ref));
  }

  @Override
  public void received(Link from, ServerFrame frame) {
    if (from != link) {
      return;
    }
    heartbeat.heard();
    inbound.handle(frame);
    if (!readingPaused && callbacks.backlogged(() -> loop.execute(this::resumeReading))) {
      readingPaused = true;
      link.setReading(false);
      heartbeat.suspend(true);
    }
  }

  private void resumeReading() {
    readingPaused = false;
    heartbeat.suspend(false);
    if (link != null) {
      link.setReading(true);
    }
  }

  @Override
  public void closed(Link gone, Throwable cause) {
    if (gone != link) {
      return;
    }
    link = null;
    loggedIn = false;
    readingPaused = false;
    heartbeat.stop();
    outbox.detach();
    ledger.linkDown();
    sends.linkDown();
    requests.linkDown().forEach(leaving -> callbacks.complete(leaving.left(), null));
    if (closedBecause != null) {
      return;
    }
    if (Failures.isUntrustedCertificate(cause)) {
      end(new ParleyException("the server's certificate is not trusted: " + Failures.describe(cause), cause), null);
      return;
    }
    String why = goodbye != null ? goodbye : Failures.describe(cause);
    Endpoint failed = rotation.current();
    if (!rotation.failed()) { // another server has not been tried this round: at once
      setState(ConnectionState.DISCONNECTED, failed + ": " + why + "; trying " + rotation.current());
      loop.execute(this::dial);
      return;
    }
    Duration delay = backoff.next();
    String where = connectors.size() > 1 ? "every server failed; last " + failed + ": " : "";
    setState(ConnectionState.DISCONNECTED, where + why + "; reconnecting in " + Failures.seconds(delay));
    loop.schedule(this::dial, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void serverGone() {
    if (link != null) {
      goodbye = "the server went silent";
      link.close();
    }
  }

  /** The server said {@code bye}; it closes the connection next. */
  void goodbye(String reason) {
    goodbye = "the server said goodbye (" + reason + ")";
  }

  /** A refused login that retrying later may fix: drop this connection and dial again. */
  void reconnectLater(String why) {
    goodbye = why;
    if (link != null) {
      link.close();
    }
  }

  // ---- logging in ----

  void welcomed(ServerFrame.Welcome welcome) {
    loggedIn = true;
    user = welcome.user();
    login.welcomed(welcome);
    backoff.reset();
    rotation.loggedIn();
    Duration serverBeat = Duration.ofSeconds(Math.max(1, welcome.heartbeat()));
    heartbeat.start(serverBeat.compareTo(options.heartbeat()) < 0 ? serverBeat : options.heartbeat());
    resume.afterLogin(welcome.dms(), welcomedBefore);
    setState(ConnectionState.CONNECTED, "logged in as " + welcome.user());
    welcomedBefore = true;
    firstWelcome.complete(welcome);
  }

  // ---- state ----

  private void setState(ConnectionState next, String detail) {
    state = next;
    callbacks.run(() -> listeners.stateChanged(next, detail));
  }

  /** Ends the session for good: nothing is retried, everything pending fails with {@code why}. */
  void end(ParleyException why, String detail) {
    closedBecause = why;
    setState(ConnectionState.CLOSED, detail != null ? detail : why.getMessage());
    heartbeat.stop();
    if (link != null) {
      outbox.sendNow(new ClientFrame.Bye(null));
      link.close();
    }
    firstWelcome.completeExceptionally(why);
    sends.drain().forEach(s -> callbacks.fail(s.acked, why));
    for (Request r : requests.drain()) {
      if (r instanceof Request.Query q) {
        callbacks.fail(q.answer(), why);
      } else if (r instanceof Request.Leaving l) {
        callbacks.complete(l.left(), null);
      }
    }
    for (RoomState room : ledger.all()) {
      room.joinWaiters.forEach(w -> callbacks.fail(w, why));
      room.joinWaiters.clear();
    }
  }
}
