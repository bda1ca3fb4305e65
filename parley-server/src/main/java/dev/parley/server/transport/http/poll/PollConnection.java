package dev.parley.server.transport.http.poll;

import dev.parley.protocol.EncodedFrame;
import dev.parley.server.session.Outbound;
import dev.parley.server.session.Session;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One long-polling connection: the session's frames wait in a queue until a {@code recv} (or
 * the {@code open}) takes them. Every field is only touched on {@link #loop}. The queue is
 * bounded like a socket's send buffer: over the hard limit, the session is a slow consumer.
 */
final class PollConnection implements Outbound {
  /** Most frames one answer carries; the rest wait for the next {@code recv}. */
  private static final int MAX_FRAMES_PER_ANSWER = 4096;

  final String sid;
  final EventLoop loop;
  private final String remote;
  private final String host;
  private final long hardLimitBytes;
  private final PollSessions sessions;
  private final ArrayDeque<EncodedFrame> queued = new ArrayDeque<>();
  /** Written on {@link #loop} only; volatile for the metrics. */
  private volatile long queuedBytes;
  private Consumer<List<EncodedFrame>> waiter;
  private ScheduledFuture<?> waiterTimeout;
  private long lastRecvNanos = System.nanoTime();
  private boolean closing;
  private boolean closed;
  private Session session;

  PollConnection(
      String sid, EventLoop loop, String remote, String host, long hardLimitBytes, PollSessions sessions) {
    this.sid = sid;
    this.loop = loop;
    this.remote = remote;
    this.host = host;
    this.hardLimitBytes = hardLimitBytes;
    this.sessions = sessions;
  }

  void attach(Session session) {
    this.session = session;
  }

  Session session() {
    return session;
  }

  /**
   * Hands the queued frames to {@code answer} now if there are any, else as soon as one is
   * queued or, after {@code wait}, an empty list. A newer wait answers an older one with none.
   */
  void await(Consumer<List<EncodedFrame>> answer, long waitMillis, boolean isRecv) {
    if (isRecv) {
      lastRecvNanos = System.nanoTime();
    }
    answerWaiter(List.of());
    if (!queued.isEmpty() || closed) {
      answer.accept(drain());
      closeIfDone();
      return;
    }
    waiter = answer;
    waiterTimeout = loop.schedule(() -> answerWaiter(List.of()), waitMillis, TimeUnit.MILLISECONDS);
  }

  /** The frames queued and not yet taken, in bytes; from any thread. */
  long unsentBytes() {
    return queuedBytes;
  }

  /** Closes the connection like a socket whose heartbeats went unanswered. */
  boolean isStale(long expiryNanos) {
    return !closed && System.nanoTime() - lastRecvNanos > expiryNanos;
  }

  @Override
  public void send(EncodedFrame frame) {
    if (!loop.inEventLoop()) {
      loop.execute(() -> send(frame));
      return;
    }
    if (closed) {
      return;
    }
    queued.add(frame);
    queuedBytes += frame.jsonLength();
    if (queuedBytes > hardLimitBytes && !closing) {
      session.bye(dev.parley.protocol.ByeReason.SLOW_CONSUMER);
      return;
    }
    if (waiter != null) {
      answerWaiter(drain());
      closeIfDone();
    }
  }

  @Override
  public void closeAfter(EncodedFrame last) {
    run(() -> {
      closing = true;
      send(last);
      // Whoever polls next takes the last frame; nobody polling means nobody to wait for.
      loop.schedule(this::closeNowInLoop, 10, TimeUnit.SECONDS);
    });
  }

  @Override
  public void closeNow(EncodedFrame last) {
    run(() -> {
      send(last);
      closeNowInLoop();
    });
  }

  @Override
  public void close() {
    run(this::closeNowInLoop);
  }

  private void run(Runnable task) {
    if (loop.inEventLoop()) {
      task.run();
    } else {
      loop.execute(task);
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
    // Unregistered first: whoever learns of the close (a presence leave) finds the id gone.
    sessions.closed(this);
    answerWaiter(drain());
    queued.clear();
    session.closed();
  }

  private void answerWaiter(List<EncodedFrame> frames) {
    if (waiter != null) {
      Consumer<List<EncodedFrame>> w = waiter;
      waiter = null;
      waiterTimeout.cancel(false);
      w.accept(frames);
    }
  }

  private List<EncodedFrame> drain() {
    List<EncodedFrame> out = new ArrayList<>(Math.min(queued.size(), MAX_FRAMES_PER_ANSWER));
    while (!queued.isEmpty() && out.size() < MAX_FRAMES_PER_ANSWER) {
      EncodedFrame f = queued.poll();
      queuedBytes -= f.jsonLength();
      out.add(f);
    }
    return out;
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
