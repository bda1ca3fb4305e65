package dev.parley.server.transport.http.poll;

import dev.parley.protocol.ByeReason;
import dev.parley.server.metrics.ServerMetrics;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The open long-polling connections by session id (a 256-bit random bearer secret), and the
 * sweep that closes those nobody has polled for the expiry time. Thread-safe.
 */
public final class PollSessions implements AutoCloseable {
  private final ConcurrentHashMap<String, PollConnection> bySid = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final EventLoopGroup loops;
  private final ServerMetrics metrics;
  private final long expiryNanos;
  private final ScheduledFuture<?> sweep;
  private volatile boolean shuttingDown;

  public PollSessions(EventLoopGroup loops, Duration expiry, ServerMetrics metrics) {
    this.loops = loops;
    this.metrics = metrics;
    this.expiryNanos = expiry.toNanos();
    long every = Math.max(100, expiry.toMillis() / 4);
    this.sweep = loops.next().scheduleAtFixedRate(this::sweep, every, every, TimeUnit.MILLISECONDS);
  }

  /** Opens a connection on one of the event loops; {@code create} builds it given its id. */
  PollConnection open(Function<String, PollConnection> create) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String sid = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    PollConnection c = create.apply(sid);
    bySid.put(sid, c);
    metrics.connectionOpened("poll");
    return c;
  }

  EventLoopGroup loops() {
    return loops;
  }

  PollConnection get(String sid) {
    return sid == null ? null : bySid.get(sid);
  }

  void closed(PollConnection c) {
    if (bySid.remove(c.sid, c)) {
      metrics.connectionClosed("poll");
    }
  }

  /**
   * Says {@code bye} to every open poll connection (at shutdown), refuses new ones, and returns
   * once each has queued it; a connection closes when its next {@code recv} takes the bye.
   */
  public void sayGoodbye(ByeReason reason) {
    shuttingDown = true;
    List<Future<?>> done = new ArrayList<>();
    for (PollConnection c : bySid.values()) {
      done.add(c.loop.submit(() -> c.session().bye(reason)));
    }
    for (Future<?> f : done) {
      f.awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
  }

  /** Waits, up to {@code limit}, for every poll client to collect its last frames. */
  public void awaitDrained(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!bySid.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The frames of every session that no {@code recv} has taken yet, in bytes. */
  public long unsentBytes() {
    long total = 0;
    for (PollConnection c : bySid.values()) {
      total += c.unsentBytes();
    }
    return total;
  }

  boolean isShuttingDown() {
    return shuttingDown;
  }

  private void sweep() {
    for (PollConnection c : bySid.values()) {
      c.loop.execute(() -> {
        if (c.isStale(expiryNanos)) {
          c.session().bye(ByeReason.IDLE);
          c.close();
        }
      });
    }
  }

  @Override
  public void close() {
    sweep.cancel(false);
  }
}
