package dev.parley.client;

import dev.parley.client.transport.Link;
import dev.parley.protocol.ClientFrame;
import java.util.ArrayDeque;
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
  private final ScheduledExecutorService loop;
  private final Pacer pacer;
  private final Queue<ClientFrame> queue = new ArrayDeque<>();
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

  /** The server refused a frame for its rate: slow down, and queue the frame again. */
  void retry(ClientFrame frame) {
    pacer.slowDown(System.nanoTime());
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
      link.send(queue.poll());
    }
  }

  private void wake() {
    wakeUp = null;
    drain();
  }
}
