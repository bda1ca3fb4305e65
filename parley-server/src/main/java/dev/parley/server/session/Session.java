package dev.parley.server.session;

import dev.parley.protocol.ByeReason;
import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.Decoded;
import dev.parley.protocol.EncodedFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.room.Member;
import java.util.ArrayDeque;
import java.util.HashSet;
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

  private final Outbound out;
  private final SessionServices services;
  private final CommandTable commands;
  private final RateLimiter rate;
  private final ErrorBudget errors;
  private final ArrayDeque<Decoded> backlog = new ArrayDeque<>();
  private final Set<String> rooms = new HashSet<>();

  private String user;
  private String userKey;
  /** The token this connection logged in with or was given; {@code null} for guests. */
  private String token;
  private boolean guest;
  private boolean suspended;
  private boolean closing;
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
   * Starts the session on its executor, counting it against its address's limit; an address
   * over the limit is told {@code rate_limited} and the connection closes.
   */
  public void start() {
    if (services.addresses().tryOpen(out.remoteHost())) {
      counted = true;
      return;
    }
    services.metrics().errorSent(ErrorCode.RATE_LIMITED);
    closeAfter(services.codec().encode(new ServerFrame.Error(
        ErrorCode.RATE_LIMITED, "too many connections from your address", null)));
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
    suspended = true;
    try {
      services.authPool().execute(() -> {
        T result;
        try {
          result = work.get();
        } catch (RuntimeException e) {
          log.error("blocking work for {} failed", out.remoteAddress(), e);
          out.executor().execute(() -> {
            reject(ErrorCode.INTERNAL, "the server failed to handle this frame", ref);
            resume();
          });
          return;
        }
        out.executor().execute(() -> {
          if (!closing) {
            then.accept(result);
          }
          resume();
        });
      });
    } catch (RejectedExecutionException e) {
      reject(ErrorCode.RATE_LIMITED, "the server is busy, try again shortly", ref);
      resume();
    }
  }

  private void resume() {
    suspended = false;
    while (!suspended && !closing && !backlog.isEmpty()) {
      handle(backlog.poll());
    }
    if (!suspended && lastAfterBacklog != null) {
      closeAfter(lastAfterBacklog);
    }
  }

  /** Logged in: remembered for the rest of the connection. */
  void loggedIn(String user, String userKey, boolean guest, String token) {
    this.user = user;
    this.userKey = userKey;
    this.guest = guest;
    this.token = token;
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

  /** The rooms this connection is in, as far as it knows. */
  Set<String> rooms() {
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
    backlog.clear();
    rooms.forEach(room -> services.hub().drop(this, room));
    rooms.clear();
    if (userKey != null) {
      services.registry().remove(userKey, this);
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
  public void refused(String room) {
    out.executor().execute(() -> rooms.remove(room));
  }

  @Override
  public void attached(String room) {
    out.executor().execute(() -> {
      if (closing) {
        services.hub().drop(this, room);
      } else {
        rooms.add(room);
      }
    });
  }

  private static String refOf(Decoded decoded) {
    return decoded instanceof Decoded.Frame f ? f.frame().ref() : ((Decoded.Rejected) decoded).ref();
  }
}
