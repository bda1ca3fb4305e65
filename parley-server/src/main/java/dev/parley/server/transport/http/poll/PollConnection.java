package dev.parley.server.transport.http.poll;

import dev.parley.protocol.ByeReason;
import dev.parley.protocol.EncodedFrame;
import dev.parley.server.session.Outbound;
import dev.parley.server.session.Session;
import dev.parley.server.transport.SlowConsumerRule;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One long-polling connection: the session's frames wait in a queue until a {@code recv} (or
 * the {@code open}) takes them. Its unsent output (the frames queued, and those a {@code recv}
 * took whose answer has not been written out yet) is bounded exactly like a socket's, by the
 * same {@link SlowConsumerRule}, and counted as what the frames cost. Every field is only
 * touched on {@link #loop}, except where a field says otherwise.
 */
final class PollConnection implements Outbound {
  /** Most frames one answer carries; the rest wait for the next {@code recv}. */
  private static final int MAX_FRAMES_PER_ANSWER = 4096;

  /**
   * What a queued frame costs beyond its bytes: the frame object, its array's header and
   * padding, the queue's slot, and while it hops threads, the task that carries it.
   */
  static final int FRAME_OVERHEAD_BYTES = 64;

  /** Writes one answer; the future completes once it has left, or failed. */
  @FunctionalInterface
  interface Answer {
    Future<?> write(List<EncodedFrame> frames);
  }

  final String sid;
  final EventLoop loop;
  private final String remote;
  private final String host;
  private final long limitBytes;
  private final PollSessions sessions;
  private final ArrayDeque<EncodedFrame> queued = new ArrayDeque<>();
  /** The cost of frames sent and not yet taken by a {@code recv}; added to on any thread. */
  private final AtomicLong unsent = new AtomicLong();
  /** The cost of frames taken whose answer is still being written; volatile for other threads. */
  private volatile long answering;
  /** Over the limit, as the rule sees it; volatile for {@link #isWritable()}. */
  private volatile boolean over;
  private final AtomicBoolean overflowed = new AtomicBoolean();
  private SlowConsumerRule slowness;
  private List<Runnable> writableWaiters;
  private Answer waiter;
  private ScheduledFuture<?> waiterTimeout;
  private long lastRecvNanos = System.nanoTime();
  private boolean closing;
  private boolean closed;
  private Session session;

  PollConnection(
      String sid, EventLoop loop, String remote, String host, long limitBytes, PollSessions sessions) {
    this.sid = sid;
    this.loop = loop;
    this.remote = remote;
    this.host = host;
    this.limitBytes = limitBytes;
    this.sessions = sessions;
  }

  void attach(Session session) {
    this.session = session;
  }

  Session session() {
    return session;
  }

  static long costOf(EncodedFrame frame) {
    return frame.line().length + FRAME_OVERHEAD_BYTES;
  }

  /**
   * Answers with the queued frames now if there are any, else as soon as one is queued or,
   * after {@code wait}, with none. A newer wait answers an older one with none.
   */
  void await(Answer answer, long waitMillis, boolean isRecv) {
    if (isRecv) {
      lastRecvNanos = System.nanoTime();
    }
    answerWaiterWithNothing();
    if (!queued.isEmpty() || closed) {
      respond(answer);
      closeIfDone();
      return;
    }
    waiter = answer;
    waiterTimeout = loop.schedule(this::answerWaiterWithNothing, waitMillis, TimeUnit.MILLISECONDS);
  }

  /** Closes the connection like a socket whose heartbeats went unanswered. */
  boolean isStale(long expiryNanos) {
    return !closed && System.nanoTime() - lastRecvNanos > expiryNanos;
  }

  /** The frames queued and not yet taken, in bytes; from any thread. */
  long unsentBytes() {
    return unsent.get();
  }

  private long pendingBytes() {
    return unsent.get() + answering;
  }

  /** Counted at once on the caller's thread, as Netty counts a write, then queued on the loop. */
  @Override
  public void send(EncodedFrame frame) {
    long cost = costOf(frame);
    if (SlowConsumerRule.isOverHardLimit(unsent.addAndGet(cost) + answering, limitBytes)) {
      unsent.addAndGet(-cost);
      if (overflowed.compareAndSet(false, true)) {
        session.bye(ByeReason.SLOW_CONSUMER);
      }
      return;
    }
    if (loop.inEventLoop()) {
      queue(frame, cost);
    } else {
      run(() -> queue(frame, cost));
    }
  }

  private void queue(EncodedFrame frame, long cost) {
    if (closed) {
      unsent.addAndGet(-cost);
      return;
    }
    queued.add(frame);
    if (!over && pendingBytes() > limitBytes) {
      over = true;
      if (slowness == null) {
        slowness = new SlowConsumerRule(loop, () -> {
          if (!closed) {
            session.bye(ByeReason.SLOW_CONSUMER);
          }
        });
      }
      slowness.wentOver();
    }
    if (waiter != null) {
      Answer w = takeWaiter();
      respond(w);
      closeIfDone();
    }
  }

  /** Like a channel's: under the limit, and once over it, back below half of it. */
  @Override
  public boolean isWritable() {
    return !over && pendingBytes() <= limitBytes;
  }

  @Override
  public void whenWritable(Runnable then) {
    run(() -> {
      if (closed) {
        return;
      }
      if (isWritable()) {
        then.run();
        return;
      }
      if (writableWaiters == null) {
        writableWaiters = new ArrayList<>(2);
      }
      writableWaiters.add(then);
    });
  }

  /** An answer has left: its frames no longer count. */
  private void answered(long cost) {
    answering -= cost;
    if (over && pendingBytes() < SlowConsumerRule.lowWatermark(limitBytes)) {
      over = false;
      slowness.cameUnder();
    }
    if (writableWaiters != null && !closed && isWritable()) {
      List<Runnable> waiting = writableWaiters;
      writableWaiters = null;
      waiting.forEach(Runnable::run);
    }
  }

  @Override
  public void closeAfter(EncodedFrame last) {
    run(() -> {
      closing = true;
      queueLast(last);
      // Whoever polls next takes the last frame; nobody polling means nobody to wait for.
      loop.schedule(this::closeNowInLoop, 10, TimeUnit.SECONDS);
    });
  }

  @Override
  public void closeNow(EncodedFrame last) {
    run(() -> {
      queueLast(last);
      closeNowInLoop();
    });
  }

  /** A last frame goes in whatever the limits: it is what says why the connection ends. */
  private void queueLast(EncodedFrame last) {
    long cost = costOf(last);
    unsent.addAndGet(cost);
    queue(last, cost);
  }

  @Override
  public void close() {
    run(this::closeNowInLoop);
  }

  private void run(Runnable task) {
    if (loop.inEventLoop()) {
      task.run();
      return;
    }
    try {
      loop.execute(task);
    } catch (RejectedExecutionException stopping) {
      // the server is stopping: nobody is left to poll
    }
  }

  private void closeIfDone() {
    if (closing && queued.isEmpty()) {
      closeNowInLoop();
    }
  }

  private void closeNowInLoop() {
    if (closed) {
      return;
    }
    closed = true;
    writableWaiters = null;
    // Unregistered first: whoever learns of the close (a presence leave) finds the id gone.
    sessions.closed(this);
    if (waiter != null) {
      respond(takeWaiter());
    }
    queued.clear();
    session.closed();
  }

  private void answerWaiterWithNothing() {
    if (waiter != null) {
      takeWaiter().write(List.of());
    }
  }

  private Answer takeWaiter() {
    Answer w = waiter;
    waiter = null;
    waiterTimeout.cancel(false);
    return w;
  }

  /**
   * Answers with up to {@value #MAX_FRAMES_PER_ANSWER} queued frames. Until the answer has left,
   * they count as unsent: a client that takes answers and never reads them is as slow as one
   * that never asks.
   */
  private void respond(Answer answer) {
    List<EncodedFrame> out = new ArrayList<>(Math.min(queued.size(), MAX_FRAMES_PER_ANSWER));
    long cost = 0;
    while (!queued.isEmpty() && out.size() < MAX_FRAMES_PER_ANSWER) {
      EncodedFrame f = queued.poll();
      cost += costOf(f);
      out.add(f);
    }
    // Counted as answering before it stops counting as unsent, so that no other thread sees
    // the connection emptier than it is.
    answering += cost;
    unsent.addAndGet(-cost);
    Future<?> written = answer.write(out);
    if (cost > 0) {
      long taken = cost;
      written.addListener(done -> run(() -> answered(taken)));
    }
  }

  @Override
  public Executor executor() {
    return loop;
  }

  @Override
  public boolean inExecutor() {
    return loop.inEventLoop();
  }

  @Override
  public String remoteHost() {
    return host;
  }

  @Override
  public String remoteAddress() {
    return remote + " (poll)";
  }
}
