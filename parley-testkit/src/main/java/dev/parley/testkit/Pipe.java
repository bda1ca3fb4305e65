package dev.parley.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One direction of a proxied connection. It reads from {@code from} only when it asks (autoRead
 * is off), holds what it read until the fault lets it go, and writes it to {@code to}. It asks
 * for more only while it holds less than its bound and {@code to} is writable, so a stalled or
 * trickling reader backs up into the sender's socket, not into this proxy's memory. Touched only
 * on the connection's event loop.
 */
final class Pipe {
  /** How often a trickle that has used up its allowance looks again. */
  private static final long TRICKLE_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private record Held(ByteBuf bytes, long dueNanos) {}

  private final Channel from;
  private final Channel to;
  private final int maxHeldBytes;
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  private int heldBytes;
  private volatile int heldHighWater;
  private volatile long forwarded;

  private long delayNanos;
  private int bytesPerSecond; // 0: as fast as it comes
  private boolean stopped;
  private double allowance;
  private long refilledAt;
  private ScheduledFuture<?> wakeUp;
  private boolean sourceEnded;
  private boolean sourceGone;
  private boolean endForwarded;
  private final Runnable onEnded;

  /** @param onEnded called once this pipe has passed a half-close on */
  Pipe(Channel from, Channel to, int maxHeldBytes, Runnable onEnded) {
    this.from = from;
    this.to = to;
    this.maxHeldBytes = maxHeldBytes;
    this.onEnded = onEnded;
  }

  /** Sets how this direction behaves from now on; bytes held already keep their due times. */
  void configure(long delayNanos, int bytesPerSecond, boolean stopped) {
    this.delayNanos = delayNanos;
    if (bytesPerSecond != this.bytesPerSecond) {
      this.allowance = 0;
      this.refilledAt = System.nanoTime();
    }
    this.bytesPerSecond = bytesPerSecond;
    this.stopped = stopped;
    drain();
  }

  /** Bytes read from {@code from}; the pipe owns them now. */
  void received(ByteBuf bytes) {
    held.add(new Held(bytes, System.nanoTime() + delayNanos));
    heldBytes += bytes.readableBytes();
    heldHighWater = Math.max(heldHighWater, heldBytes);
    drain();
  }

  /**
   * {@code from} sends no more: once what is held has gone out, the end is passed on, as a
   * half-close ({@code to}'s output shut) or, when {@code from} is closed altogether ({@code
   * gone}), as a close.
   */
  void sourceEnded(boolean gone) {
    sourceEnded = true;
    sourceGone |= gone;
    drain();
  }

  /** Whether the end of {@code from}'s bytes has been passed on to {@code to}. */
  boolean ended() {
    return endForwarded;
  }

  /** Writes whatever the fault lets go now, then asks for more if there is room. */
  void drain() {
    if (stopped || !to.isActive()) {
      return; // a black hole forwards nothing, not even the close
    }
    boolean wrote = false;
    while (!held.isEmpty() && to.isWritable()) {
      Held head = held.peek();
      long now = System.nanoTime();
      if (head.dueNanos() > now) {
        wakeUpIn(head.dueNanos() - now);
        break;
      }
      int n = head.bytes().readableBytes();
      if (bytesPerSecond > 0) {
        refill(now);
        if (allowance < 1) {
          wakeUpIn(TRICKLE_TICK_NANOS);
          break;
        }
        n = (int) Math.min(n, allowance);
        allowance -= n;
      }
      ByteBuf chunk =
          n == head.bytes().readableBytes() ? held.poll().bytes() : head.bytes().readRetainedSlice(n);
      heldBytes -= n;
      forwarded += n;
      to.write(chunk, to.voidPromise());
      wrote = true;
    }
    if (wrote) {
      to.flush();
    }
    if (held.isEmpty() && sourceEnded) {
      forwardEnd();
      return;
    }
    readMore();
  }

  /** The end follows the last byte, as a FIN does. */
  private void forwardEnd() {
    if (endForwarded) {
      return;
    }
    endForwarded = true;
    ChannelFuture lastWrite = to.writeAndFlush(Unpooled.EMPTY_BUFFER);
    if (sourceGone) {
      lastWrite.addListener(ChannelFutureListener.CLOSE);
    } else {
      lastWrite.addListener(done -> ((DuplexChannel) to).shutdownOutput().addListener(shut -> onEnded.run()));
    }
  }

  private void readMore() {
    if (!stopped && !sourceEnded && heldBytes < maxHeldBytes && to.isWritable() && from.isActive()) {
      from.read();
    }
  }

  /** Tops the trickle's allowance up for the time passed; at most a twentieth of a second's worth. */
  private void refill(long now) {
    double burst = Math.max(1.0, bytesPerSecond / 20.0);
    allowance = Math.min(burst, allowance + (now - refilledAt) * (bytesPerSecond / 1e9));
    refilledAt = now;
  }

  private void wakeUpIn(long nanos) {
    if (wakeUp != null) {
      return; // one is coming, for the head or earlier
    }
    wakeUp = to.eventLoop().schedule(this::wake, Math.max(nanos, 1), TimeUnit.NANOSECONDS);
  }

  private void wake() {
    wakeUp = null; // first, so that this drain can schedule the next one
    drain();
  }

  /** Frees what is held; the connection is gone. */
  void release() {
    if (wakeUp != null) {
      wakeUp.cancel(false);
      wakeUp = null;
    }
    while (!held.isEmpty()) {
      held.poll().bytes().release();
    }
    heldBytes = 0;
  }

  /** The most this pipe ever held at once. */
  int heldHighWater() {
    return heldHighWater;
  }

  /** Bytes written on towards {@code to} so far. */
  long forwarded() {
    return forwarded;
  }
}
