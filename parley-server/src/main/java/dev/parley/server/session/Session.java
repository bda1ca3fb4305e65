package dev.parley.server.session;

import dev.parley.protocol.ByeReason;
import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.Decoded;
import dev.parley.protocol.EncodedFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.auth.Login;
import dev.parley.server.room.Member;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's session. Frames are handled one at a time, in the order they arrived; a
 * command that must wait for blocking work (logging in, looking a user up) suspends the session,
 * and frames arriving meanwhile wait in a bounded backlog. Every field is only touched on the
 * connection's executor ({@link Outbound#executor()}); the {@link Member} methods hop there.
 */
public final class Session implements Member {
  private static final Logger log = LoggerFactory.getLogger(Session.class);
  private static final int MAX_BACKLOG = 1000;
  private static final VarHandle READ_MARKERS;

  static {
    try {
      READ_MARKERS = MethodHandles.lookup().findVarHandle(Session.class, "readMarkers", Map.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Outbound out;
  private final SessionServices services;
  private final CommandTable commands;
  private final RateLimiter rate;
  private final ErrorBudget errors;
  /** Frames waiting while the session is suspended; made when the first one waits. */
  private ArrayDeque<Decoded> backlog;
  private final RoomMemberships rooms = new RoomMemberships();

  private String user;
  private String userKey;
  /** The token this connection logged in with or was given; {@code null} for guests. */
  private String token;
  private boolean guest;
  /**
   * The account logged in as (0 for a guest) and the generation of its credentials. Set once at
   * login, before the session is put in the registry, which is how other threads reach it.
   */
  private long accountId;
  private long generation;
  /** Whether the account is a bot's; set once at login, like {@link #accountId}. */
  private boolean bot;
  /** Where this account starts reading private conversations an earlier namesake was in. */
  private Map<String, Long> directFloors = Map.of();
  /**
   * How far the user has read each room, as stored; kept current by the hub. Any thread: never
   * changed in place, replaced whole by a compare-and-set (markers move rarely, and most
   * sessions have few or none, which then cost nothing).
   */
  private volatile Map<String, Long> readMarkers = Map.of();
  /** A name claimed in the registry for a login in progress, released if the login fails. */
  private String heldName;
  /** See {@link #identity()}; made once at login. */
  private String identity;
  private boolean suspended;
  private boolean closing;
  /** Whether this session counted itself against its address (long-polling only). */
  private boolean counted;
  /** A last frame (too_large) waiting for the backlog ahead of it to be handled first. */
  private EncodedFrame lastAfterBacklog;

  public Session(Outbound out, SessionServices services, CommandTable commands) {
    this.out = out;
    this.services = services;
    this.commands = commands;
    long now = System.nanoTime();
    this.rate = new RateLimiter(services.ratePerSecond(), now);
    this.errors = new ErrorBudget(services.errorBudget());
  }

  /**
   * Starts the session on its executor. {@code admitted} says whether the connection was under
   * its address's limit when its transport counted it (TCP and HTTP connections are counted
   * when accepted); one over the limit is told {@code rate_limited} and closed.
   */
  public void start(boolean admitted) {
    if (admitted) {
      return;
    }
    services.metrics().errorSent(ErrorCode.RATE_LIMITED);
    closeAfter(services.codec().encode(new ServerFrame.Error(
        ErrorCode.RATE_LIMITED, "too many connections from your address", null)));
  }

  /**
   * Starts a long-polling session, which has no connection of its own: it counts itself
   * against its address's limit until it closes.
   */
  public void startCountingItself() {
    counted = services.addresses().tryOpen(out.remoteHost());
    start(counted);
  }

  /** A decoded frame from the transport, on the connection's executor. */
  public void received(Decoded decoded) {
    if (closing || lastAfterBacklog != null) {
      return;
    }
    if (!rate.tryAcquire(System.nanoTime())) {
      reject(ErrorCode.RATE_LIMITED, "too many frames, slow down", refOf(decoded));
      return;
    }
    if (suspended) {
      if (backlog == null) {
        backlog = new ArrayDeque<>();
      }
      if (backlog.size() >= MAX_BACKLOG) {
        reject(ErrorCode.RATE_LIMITED, "too many frames while logging in", refOf(decoded));
      } else {
        backlog.add(decoded);
      }
      return;
    }
    handle(decoded);
  }

  private void handle(Decoded decoded) {
    if (decoded instanceof Decoded.Rejected r) {
      reject(r.code(), r.message(), r.ref());
      return;
    }
    ClientFrame frame = ((Decoded.Frame) decoded).frame();
    try {
      commands.dispatch(this, frame);
    } catch (RuntimeException e) {
      log.error("handling {} from {} failed", frame.getClass().getSimpleName(), out.remoteAddress(), e);
      reject(ErrorCode.INTERNAL, "the server failed to handle this frame", frame.ref());
    }
  }

  /**
   * Runs blocking {@code work} on the auth pool, then {@code then} with its result back on this
   * session's executor. Frames that arrive meanwhile wait.
   */
  <T> void suspendFor(Supplier<T> work, Consumer<T> then, String ref) {
    suspendFor(work, then, () -> {}, ref);
  }

  /** As above; {@code failed} runs instead of {@code then} when the work fails or cannot start. */
  <T> void suspendFor(Supplier<T> work, Consumer<T> then, Runnable failed, String ref) {
    suspendFor(services.authPool(), work, then, failed, ref);
  }

  /** As above, on {@code pool} instead of the auth pool. */
  <T> void suspendFor(Executor pool, Supplier<T> work, Consumer<T> then, Runnable failed, String ref) {
    suspended = true;
    try {
      pool.execute(() -> {
        T result;
        try {
          result = work.get();
        } catch (RuntimeException e) {
          log.error("blocking work for {} failed", out.remoteAddress(), e);
          out.executor().execute(() -> {
            failed.run();
            reject(ErrorCode.INTERNAL, "the server failed to handle this frame", ref);
            resume();
          });
          return;
        }
        out.executor().execute(() -> {
          if (!closing) {
            then.accept(result);
          } else {
            failed.run(); // what the work held is let go: nobody will use it
          }
          resume();
        });
      });
    } catch (RejectedExecutionException e) {
      failed.run();
      reject(ErrorCode.RATE_LIMITED, "the server is busy, try again shortly", ref);
      resume();
    }
  }

  private void resume() {
    suspended = false;
    while (!suspended && !closing && backlog != null && !backlog.isEmpty()) {
      handle(backlog.poll());
    }
    if (backlog != null && backlog.isEmpty()) {
      backlog = null;
    }
    if (!suspended && lastAfterBacklog != null) {
      closeAfter(lastAfterBacklog);
    }
  }

  /** Logged in: remembered for the rest of the connection. */
  void loggedIn(Login.Accepted login) {
    this.user = login.user();
    this.userKey = login.key();
    this.guest = login.guest();
    this.token = login.token();
    this.accountId = login.accountId();
    this.generation = login.generation();
    this.bot = login.bot();
    this.directFloors = Map.copyOf(login.directFloors());
    this.readMarkers = Map.copyOf(login.readMarkers()); // before anyone else can reach the session
    this.identity = guest ? userKey : userKey + "#" + accountId;
  }

  /** Notes a name claimed in the registry for the login in progress. */
  void holdName(String key) {
    heldName = key;
  }

  /** Lets go of the name claimed for a login that failed. */
  void releaseName() {
    if (heldName != null) {
      services.registry().remove(heldName, this);
      heldName = null;
    }
  }

  /** The login that held a name has finished: the name is now this session's own. */
  void nameTaken() {
    heldName = null;
  }

  /** The account logged in as; 0 for a guest. Any thread, once logged in. */
  long accountId() {
    return accountId;
  }

  /** The generation of the credentials this session logged in with. Any thread, once logged in. */
  long generation() {
    return generation;
  }

  /**
   * The id after which this account may read {@code room}: 0, except in a private conversation
   * that an earlier account of the same name took part in.
   */
  long readableAfter(String room) {
    return directFloors.getOrDefault(room, 0L);
  }

  String token() {
    return token;
  }

  boolean isLoggedIn() {
    return user != null;
  }

  boolean isGuest() {
    return guest;
  }

  /** The rooms this connection is in, as the hub has told it. */
  RoomMemberships rooms() {
    return rooms;
  }

  String remoteHost() {
    return out.remoteHost();
  }

  SessionServices services() {
    return services;
  }

  void reply(ServerFrame frame) {
    out.send(services.codec().encode(frame));
  }

  /** Closes at the client's request. */
  void close() {
    closing = true;
    out.close();
  }

  /** The connection ended, for whatever reason; on the connection's executor. */
  public void closed() {
    closing = true;
    backlog = null;
    rooms.takeAll().forEach(room -> services.hub().drop(this, room));
    if (userKey != null) {
      services.registry().remove(userKey, this);
    }
    releaseName();
    if (guest && userKey != null) {
      services.guestNames().release(userKey);
    }
    if (counted) {
      counted = false;
      services.addresses().closed(out.remoteHost());
    }
  }

  /** Sends a last frame (such as {@code too_large}) and closes; on the connection's executor. */
  public void closeAfter(EncodedFrame last) {
    if (!closing) {
      closing = true;
      out.closeAfter(last);
    }
  }

  /**
   * Like {@link #closeAfter}, for the transport's answer to input that came after the frames
   * already received (a line over the limit): frames waiting in the backlog are handled first,
   * in order, and nothing received after it is.
   */
  public void closeAfterBacklog(EncodedFrame last) {
    if (suspended) {
      lastAfterBacklog = last;
    } else {
      closeAfter(last);
    }
  }

  /** Says {@code bye} with a reason and closes (shutdown, idle, slow consumer). */
  public void bye(ByeReason reason) {
    if (!out.inExecutor()) {
      out.executor().execute(() -> bye(reason));
      return;
    }
    if (closing) {
      return;
    }
    closing = true;
    services.metrics().byeSent(reason);
    EncodedFrame bye = services.codec().encode(new ServerFrame.Bye(reason));
    if (reason == ByeReason.SLOW_CONSUMER) {
      out.closeNow(bye);
    } else {
      out.closeAfter(bye);
    }
  }

  @Override
  public String user() {
    return user;
  }

  @Override
  public String userKey() {
    return userKey;
  }

  @Override
  public boolean isRegistered() {
    return user != null && !guest;
  }

  @Override
  public boolean isBot() {
    return bot;
  }

  /** A guest's key; an account's key and id, so that refs do not pass to a later namesake. */
  @Override
  public String identity() {
    return identity;
  }

  @Override
  public long readUpTo(String room) {
    return readMarkers.getOrDefault(room, 0L);
  }

  @Override
  public void readMoved(String room, long id) {
    while (true) {
      Map<String, Long> now = readMarkers;
      Long had = now.get(room);
      if (had != null && had >= id) {
        return;
      }
      Map<String, Long> moved = new HashMap<>(now);
      moved.put(room, id);
      if (READ_MARKERS.compareAndSet(this, now, Map.copyOf(moved))) {
        return;
      }
    }
  }

  @Override
  public void send(EncodedFrame frame) {
    out.send(frame);
  }

  @Override
  public boolean isWritable() {
    return out.isWritable();
  }

  @Override
  public void whenWritable(Runnable then) {
    out.whenWritable(then);
  }

  @Override
  public Executor executor() {
    return out.executor();
  }

  @Override
  public void reject(ErrorCode code, String message, String ref) {
    if (!out.inExecutor()) {
      out.executor().execute(() -> reject(code, message, ref));
      return;
    }
    if (closing) {
      return;
    }
    reply(new ServerFrame.Error(code, message, ref));
    services.metrics().errorSent(code);
    if (code != ErrorCode.INTERNAL && errors.spend(System.nanoTime())) {
      log.info("closing {}: too many errors", out.remoteAddress());
      bye(ByeReason.TOO_MANY_ERRORS);
    }
  }

  @Override
  public void joinAnswered(String room, boolean accepted) {
    out.executor().execute(() -> {
      if (closing) {
        leaveIfIn(room, accepted);
      } else {
        rooms.answered(room, accepted);
      }
    });
  }

  @Override
  public void attached(String room) {
    out.executor().execute(() -> {
      if (closing) {
        leaveIfIn(room, true);
      } else {
        rooms.added(room);
      }
    });
  }

  @Override
  public void removed(String room) {
    out.executor().execute(() -> rooms.removed(room));
  }

  /** A room the hub put this connection in after it closed: out again. */
  private void leaveIfIn(String room, boolean in) {
    if (in) {
      services.hub().drop(this, room);
    }
  }

  private static String refOf(Decoded decoded) {
    return decoded instanceof Decoded.Frame f ? f.frame().ref() : ((Decoded.Rejected) decoded).ref();
  }
}
