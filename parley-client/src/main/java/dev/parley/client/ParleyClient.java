package dev.parley.client;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.MessageText;
import dev.parley.protocol.Names;
import dev.parley.protocol.ServerFrame;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A Parley client: one session with a server that survives disconnects. It reconnects by
 * itself, logs in again, rejoins its rooms from the last message it delivered and resends what
 * was not acknowledged, so the application sees every message of its rooms exactly once and in
 * order, and every {@link #send} is acknowledged exactly once (or fails with the server's
 * reason). See {@code docs/client.md}.
 *
 * <p>Thread-safe: every method may be called from any thread. The work happens on the client's
 * I/O loop; listeners and futures are completed on its callback thread ({@link ClientListener}).
 */
public final class ParleyClient implements AutoCloseable {
  private final ClientLoops loops;
  private final boolean ownLoops;
  private final ScheduledExecutorService loop;
  private final Listeners listeners = new Listeners();
  private final ClientSession session;
  private final ClientCommands commands;
  private final CompletableFuture<ServerFrame.Welcome> connected = new CompletableFuture<>();

  private ParleyClient(ClientOptions options) {
    this.ownLoops = options.loops() == null;
    this.loops = ownLoops ? ClientLoops.create(1, 1) : options.loops();
    this.loop = loops.nextLoop();
    try {
      this.session =
          new ClientSession(options, loop, new Callbacks(loops.callbackPool()), listeners);
      this.commands = new ClientCommands(session);
    } catch (RuntimeException e) {
      if (ownLoops) {
        loops.close();
      }
      throw e;
    }
  }

  /**
   * A client, not yet connected: add listeners, then {@link #connect}.
   *
   * @throws IllegalArgumentException when the trusted certificate cannot be read
   */
  public static ParleyClient create(ClientOptions options) {
    return new ParleyClient(options);
  }

  public ParleyClient addListener(ClientListener listener) {
    listeners.add(listener);
    return this;
  }

  public void removeListener(ClientListener listener) {
    listeners.remove(listener);
  }

  /**
   * Starts connecting; completes with the first {@code welcome}. Connection failures are
   * retried for ever (watch {@link ClientListener#stateChanged}); it fails only when the server
   * refuses the credentials or its certificate is not trusted, or the client is closed.
   */
  public CompletableFuture<ServerFrame.Welcome> connect() {
    hop(connected, () -> session.start(connected));
    return connected;
  }

  /** Joins a room; the server replays its newest messages (up to 50) to the listeners. */
  public CompletableFuture<ServerFrame.Joined> join(String room) {
    return join(room, null);
  }

  /**
   * Joins a room, replaying every message after {@code since} (when not null). Joining a room
   * the client is in already replays nothing it delivered before.
   */
  public CompletableFuture<ServerFrame.Joined> join(String anySpelling, Long since) {
    String room = spelling(anySpelling);
    CompletableFuture<ServerFrame.Joined> joined = new CompletableFuture<>();
    if (check(joined, Names.isValidRoom(room), ErrorCode.INVALID_NAME, "invalid room name")) {
      hop(joined, () -> commands.join(room, since, joined));
    }
    return joined;
  }

  /** Leaves a room: it is not rejoined, and its messages are no longer delivered. */
  public CompletableFuture<Void> leave(String anySpelling) {
    String room = spelling(anySpelling);
    CompletableFuture<Void> left = new CompletableFuture<>();
    hop(left, () -> commands.leave(room, left));
    return left;
  }

  /** Sends a message; completes with its {@code ack} once the server has stored it. */
  public CompletableFuture<ServerFrame.Ack> send(String anySpelling, String text) {
    String room = spelling(anySpelling);
    CompletableFuture<ServerFrame.Ack> acked = new CompletableFuture<>();
    if (check(acked, Names.isValidRoom(room), ErrorCode.INVALID_NAME, "invalid room name")
        && checkText(acked, text)) {
      String ref = session.refs.next();
      hop(acked, () -> commands.send(new PendingSend(new ClientFrame.Send(room, text, ref), room, acked)));
    }
    return acked;
  }

  /**
   * Sends a message under a ref the application chose (1 to 64 characters, with a {@code ':'}
   * in it so that it never meets the client's own refs). The server stores a user's ref once
   * per room, even across runs of the program and restarts of the server: sending the same ref
   * again is answered with the original {@code ack} and stores nothing. Bots use this to answer
   * each message exactly once (see {@code docs/bots.md}). Only one send of a ref may be pending
   * at a time.
   */
  public CompletableFuture<ServerFrame.Ack> send(String anySpelling, String text, String ref) {
    String room = spelling(anySpelling);
    CompletableFuture<ServerFrame.Ack> acked = new CompletableFuture<>();
    boolean refOk = ref != null && ref.indexOf(':') >= 0
        && ref.codePointCount(0, ref.length()) <= FrameCodec.MAX_REF;
    if (check(acked, Names.isValidRoom(room), ErrorCode.INVALID_NAME, "invalid room name")
        && check(acked, refOk, ErrorCode.BAD_REQUEST, "a ref needs a ':' and at most 64 characters")
        && checkText(acked, text)) {
      hop(acked, () -> commands.send(new PendingSend(new ClientFrame.Send(room, text, ref), room, acked)));
    }
    return acked;
  }

  /** Sends a private message; the {@code ack} names the conversation's room. */
  public CompletableFuture<ServerFrame.Ack> dm(String user, String text) {
    CompletableFuture<ServerFrame.Ack> acked = new CompletableFuture<>();
    if (check(acked, Names.isValidUser(user), ErrorCode.INVALID_NAME, "invalid user name")
        && checkText(acked, text)) {
      String ref = session.refs.next();
      hop(acked, () -> commands.send(new PendingSend(new ClientFrame.Dm(user, text, ref), null, acked)));
    }
    return acked;
  }

  /** Up to {@code limit} messages before id {@code before} (the newest when null), oldest first. */
  public CompletableFuture<ServerFrame.HistoryPage> history(String anySpelling, Long before, int limit) {
    String room = spelling(anySpelling);
    int capped = Math.max(1, Math.min(limit, FrameCodec.MAX_HISTORY_LIMIT));
    return ask(ref -> new ClientFrame.History(room, before, capped, ref))
        .thenApply(ServerFrame.HistoryPage.class::cast);
  }

  /** The public rooms, busiest first. */
  public CompletableFuture<List<ServerFrame.RoomSummary>> rooms() {
    return ask(ClientFrame.ListRooms::new).thenApply(r -> ((ServerFrame.RoomList) r).rooms());
  }

  /** Who is in a room now. */
  public CompletableFuture<List<String>> who(String anySpelling) {
    String room = spelling(anySpelling);
    return ask(ref -> new ClientFrame.Who(room, ref)).thenApply(r -> ((ServerFrame.Members) r).members());
  }

  /**
   * Room names are one name without regard to case and the server answers in lower case, so
   * the client keeps every room under that spelling too.
   */
  private static String spelling(String room) {
    return room == null ? null : Names.room(room);
  }

  public ConnectionState state() {
    return session.state();
  }

  /** The name the server logged this client in as, or {@code null} before the first welcome. */
  public String user() {
    return session.user();
  }

  /**
   * Says {@code bye} and closes. Sends not yet acknowledged fail; wait for their futures first
   * to be sure they were stored.
   */
  @Override
  public void close() {
    CountDownLatch done = new CountDownLatch(1);
    try {
      loop.execute(() -> {
        session.close();
        done.countDown();
      });
      done.await(5, TimeUnit.SECONDS);
    } catch (RejectedExecutionException e) {
      // the loop is gone already
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (ownLoops) {
      loops.close();
    }
  }

  private CompletableFuture<ServerFrame> ask(java.util.function.Function<String, ClientFrame> frame) {
    CompletableFuture<ServerFrame> answer = new CompletableFuture<>();
    ClientFrame f = frame.apply(session.refs.next());
    hop(answer, () -> commands.ask(f, answer));
    return answer;
  }

  /** Runs {@code work} on the loop, or fails {@code future} when the client is closed. */
  private void hop(CompletableFuture<?> future, Runnable work) {
    try {
      loop.execute(() -> {
        if (!session.refuseIfClosed(future)) {
          work.run();
        }
      });
    } catch (RejectedExecutionException e) {
      future.completeExceptionally(ParleyException.closed());
    }
  }

  private static boolean check(CompletableFuture<?> future, boolean ok, ErrorCode code, String message) {
    if (!ok) {
      future.completeExceptionally(new ParleyException(code, message));
    }
    return ok;
  }

  private static boolean checkText(CompletableFuture<?> future, String text) {
    String problem = text == null ? "text is missing" : MessageText.problem(text);
    return check(future, problem == null, ErrorCode.BAD_REQUEST, problem);
  }
}
