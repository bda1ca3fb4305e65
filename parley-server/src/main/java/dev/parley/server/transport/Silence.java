package dev.parley.server.transport;

import io.netty.channel.Channel;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Notices that a connection has read nothing for a heartbeat, and says so down its pipeline
 * with the reader-idle {@link IdleStateEvent}s of Netty's {@code IdleStateHandler}, at the same
 * moments: the first a heartbeat after the last read, then one every heartbeat, "first" again
 * after any read. It is not a handler: whoever sees the reads tells it ({@link #heard} for a
 * message, {@link #readDone} at the end of each read from the socket), which saves an idle
 * connection the handler, its context and its task object (about 220 bytes of heap each). One per
 * connection; only touched on its event loop.
 */
public final class Silence {
  private final long heartbeatNanos;
  private Channel channel;
  private long lastReadNanos;
  /** A message was heard and the read it came in has not finished yet. */
  private boolean reading;
  /** Whether the next event is the first of this silence. */
  private boolean first = true;
  private Future<?> check;

  public Silence(long heartbeatMillis) {
    this.heartbeatNanos = TimeUnit.MILLISECONDS.toNanos(heartbeatMillis);
  }

  /** Starts listening, on the channel's event loop. */
  public void start(Channel channel) {
    if (this.channel != null || heartbeatNanos <= 0) {
      return;
    }
    this.channel = channel;
    lastReadNanos = System.nanoTime();
    schedule(heartbeatNanos);
  }

  /** A message was read from the client. */
  public void heard() {
    reading = true;
    first = true;
  }

  /** A read from the socket finished: what it brought was heard now. */
  public void readDone() {
    if (reading) {
      lastReadNanos = System.nanoTime();
      reading = false;
    }
  }

  /** The connection ended: no more checks. */
  public void stop() {
    if (check != null) {
      check.cancel(false);
      check = null;
    }
  }

  private void schedule(long delayNanos) {
    check = channel.eventLoop().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
  }

  private void check() {
    if (check == null || !channel.isOpen()) {
      return;
    }
    long left = reading ? heartbeatNanos : heartbeatNanos - (System.nanoTime() - lastReadNanos);
    if (left > 0) {
      schedule(left);
      return;
    }
    schedule(heartbeatNanos);
    IdleStateEvent event =
        first ? IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT : IdleStateEvent.READER_IDLE_STATE_EVENT;
    first = false;
    channel.pipeline().fireUserEventTriggered(event);
  }
}
