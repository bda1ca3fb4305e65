package dev.parley.client;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.MessageText;
import dev.parley.protocol.Names;
import dev.parley.protocol.SearchWords;
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
  /** The most results one search returns. */
  public static final int MAX_SEARCH_LIMIT = 100;
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

  /**
   * Replaces the text of message {@code id} (one of the user's own) with {@code text}. The edit
   * is a message of the room with an id of its own: the future completes with its {@code ack},
   * exactly once like {@link #send} (resent with its ref after a reconnect, stored once), and
   * every member's listeners hear {@link ClientListener#edited}.
   */
  public CompletableFuture<ServerFrame.Ack> edit(String anySpelling, long id, String text) {
    String room = spelling(anySpelling);
    CompletableFuture<ServerFrame.Ack> acked = new CompletableFuture<>();
    if (check(acked, Names.isValidRoom(room), ErrorCode.INVALID_NAME, "invalid room name")
        && checkText(acked, text)) {
      String ref = session.refs.next();
      hop(acked, () -> commands.send(new PendingSend(new ClientFrame.Edit(room, id, text, ref), room, acked)));
    }
    return acked;
  }

  /**
   * Deletes message {@code id} (the user's own, or any when the user owns the room). Like
   * {@link #edit}, the delete is a message of its own, acknowledged exactly once; listeners hear
   * {@link ClientListener#deleted}.
   */
  public CompletableFuture<ServerFrame.Ack> delete(String anySpelling, long id) {
    String room = spelling(anySpelling);
    CompletableFuture<ServerFrame.Ack> acked = new CompletableFuture<>();
    if (check(acked, Names.isValidRoom(room), ErrorCode.INVALID_NAME, "invalid room name")) {
      String ref = session.refs.next();
      hop(acked, () -> commands.send(new PendingSend(new ClientFrame.Delete(room, id, ref), room, acked)));
    }
    return acked;
  }

  /**
   * Tells the others in a joined room that the user is typing. Call it as often as the user
   * types: the client sends at most one per room every 3 seconds, and none while disconnected.
   */
  public void typing(String anySpelling) {
    String room = spelling(anySpelling);
    if (room != null) {
      hop(new CompletableFuture<>(), () -> commands.typing(room, System.nanoTime()));
    }
  }

  /**
   * Marks {@code room} read up to message {@code id}, for this user on every device. The marker
   * never moves back (a smaller id does nothing). Listeners hear {@link
   * ClientListener#readMoved} and {@link ClientListener#unreadChanged}; the user's other
   * connections hear the same. Marked while disconnected, it is sent after the next join.
   */
  public void markRead(String anySpelling, long id) {
    String room = spelling(anySpelling);
    if (room != null && id > 0) {
      hop(new CompletableFuture<>(), () -> commands.markRead(room, id));
    }
  }

  /**
   * The number of ordinary messages from others above the read marker, among those the client
   * received in {@code room} (a join replays the newest 50, or everything after its {@code
   * since}; for a private conversation open at the first login, up to 200 above the marker,
   * fetched to count them); 0 for a room it does not follow.
   */
  public int unread(String anySpelling) {
    return session.unread(spelling(anySpelling));
  }

  /** The room's topic as last heard ({@code ""}: none, or not known yet). */
  public String topic(String anySpelling) {
    return session.topic(spelling(anySpelling));
  }

  /**
   * Sets a room's topic ({@code ""} clears it): for room owners only (others get {@code
   * forbidden}). Completes with the server's {@code topic} frame; every member hears {@link
   * ClientListener#topicChanged}.
   */
  public CompletableFuture<ServerFrame.Topic> setTopic(String anySpelling, String text) {
    String room = spelling(anySpelling);
    String problem = text == null ? "topic is missing" : MessageText.topicProblem(text);
    if (problem != null) {
      return CompletableFuture.failedFuture(new ParleyException(ErrorCode.BAD_REQUEST, problem));
    }
    return ask(ref -> new ClientFrame.Topic(room, text, ref)).thenApply(ServerFrame.Topic.class::cast);
  }

  /**
   * Searches one room (a public one, joined or not, or one of the user's private conversations)
   * for messages containing every word of {@code query}: newest first, at most {@code limit}
   * (1 to 100). Each result is the original message with its newest text.
   */
  public CompletableFuture<List<ServerFrame.Msg>> search(String anySpelling, String query, int limit) {
    String room = spelling(anySpelling);
    List<String> words = query == null ? List.of() : SearchWords.of(query);
    if (!SearchWords.searchable(words)) {
      return CompletableFuture.failedFuture(
          new ParleyException(ErrorCode.BAD_REQUEST, "search needs a word of at least " + SearchWords.MIN_WORD + " letters"));
    }
    int capped = Math.max(1, Math.min(limit, MAX_SEARCH_LIMIT));
    return ask(ref -> new ClientFrame.Search(room, query, words, capped, ref))
        .thenApply(r -> ((ServerFrame.SearchResults) r).messages());
  }

  /**
   * Up to {@code limit} messages before id {@code before} (the newest when null), oldest first.
   * Edits and deletes in the page are applied to the messages they name (here or met later) and
   * left out, so a page may hold fewer than {@code limit}; {@code more} is the server's.
   */
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
