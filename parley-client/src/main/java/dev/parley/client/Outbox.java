package dev.parley.client;

import dev.parley.client.transport.Link;
import dev.parley.protocol.ClientFrame;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Frames on their way to the current connection, paced by {@link Pacer} so the client keeps
 * under the server's rate instead of collecting {@code rate_limited} errors (which also count
 * against the server's error budget). The queue belongs to one connection and is dropped with
 * it: after a reconnect the client rebuilds what to send from its state. Loop-owned.
 */
final class Outbox {
  private static final int RECENT_REFS = 10_000;
  private final ScheduledExecutorService loop;
  private final Pacer pacer;
  private final Queue<ClientFrame> queue = new ArrayDeque<>();
  /** The number of frames sent so far, and when (by that count) each recent ref went out. */
  private long sent;
  private long sentAtSlowDown = -1;
  private final Map<String, Long> recent = new LinkedHashMap<>(256, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > RECENT_REFS;
    }
  };
  private Link link;
  private ScheduledFuture<?> wakeUp;

  Outbox(ScheduledExecutorService loop, int framesPerSecond) {
    this.loop = loop;
    this.pacer = new Pacer(framesPerSecond, System.nanoTime());
  }

  void attach(Link link) {
    this.link = link;
    pacer.fill(System.nanoTime());
  }

  void detach() {
    link = null;
    queue.clear();
    if (wakeUp != null) {
      wakeUp.cancel(false);
      wakeUp = null;
    }
  }

  /** Queues a frame behind the others. */
  void send(ClientFrame frame) {
    queue.add(frame);
    drain();
  }

  /**
   * The server refused a frame for its rate: queue it again, and slow down, unless the frame
   * went out before the last slow-down (frames already on their way when the first refusal
   * came are refused too, and say nothing new about the rate).
   */
  void retry(ClientFrame frame) {
    Long sentAs = recent.get(frame.ref());
    if (sentAs == null || sentAs > sentAtSlowDown) {
      pacer.slowDown(System.nanoTime());
      sentAtSlowDown = sent;
    }
    send(frame);
  }

  /** Sends at once, unpaced: pings, pongs and goodbyes, which are few. */
  void sendNow(ClientFrame frame) {
    if (link != null) {
      link.send(frame);
    }
  }

  double rate() {
    return pacer.rate();
  }

  private void drain() {
    if (wakeUp != null) {
      return; // a drain is already scheduled for the next token
    }
    while (link != null && !queue.isEmpty()) {
      long wait = pacer.take(System.nanoTime());
      if (wait > 0) {
        wakeUp = loop.schedule(this::wake, wait, TimeUnit.NANOSECONDS);
        return;
      }
      ClientFrame frame = queue.poll();
      sent++;
      if (frame.ref() != null) {
        recent.put(frame.ref(), sent);
      }
      link.send(frame);
    }
  }

  private void wake() {
    wakeUp = null;
    drain();
  }
}
