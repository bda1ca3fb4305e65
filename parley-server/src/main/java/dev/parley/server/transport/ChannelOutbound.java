package dev.parley.server.transport;

import dev.parley.protocol.EncodedFrame;
import dev.parley.server.session.Outbound;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A session's way out through a Netty channel. {@code wrap} turns a shared encoded frame into
 * the transport's message (for TCP, a buffer over the same bytes), so a fan-out copies nothing.
 * Every frame is written on the connection's event loop and flushed once per turn of it with
 * whatever else the turn wrote to the connection ({@link TurnFlush}); a frame sent from another
 * thread (an ack or a replay from a room's lane) is handed to the loop as Netty's write task,
 * and flushed there.
 */
public final class ChannelOutbound implements Outbound {
  /** How long a closing connection gets to take its last frame before it is cut. */
  private static final long LAST_FRAME_GRACE_MS = 1000;

  private final Channel channel;
  private final Function<EncodedFrame, Object> wrap;
  private final Supplier<Object> farewell;
  private final long hardLimitBytes;
  private final Runnable onOverflow;
  private final AtomicBoolean overflowed = new AtomicBoolean();
  /** Whether this turn's {@link TurnFlush} will flush the channel. Event loop only. */
  boolean flushDue;
  /** What waits for the channel to be writable again; made on first use. Event loop only. */
  private List<Runnable> writableWaiters;

  /**
   * @param farewell the transport's own closing message after the last frame (a WebSocket close
   *     frame), or a supplier of {@code null}
   * @param hardLimitBytes unsent output beyond which the connection is a slow consumer at once
   * @param onOverflow called once, from any thread, when that happens
   */
  public ChannelOutbound(
      Channel channel,
      Function<EncodedFrame, Object> wrap,
      Supplier<Object> farewell,
      long hardLimitBytes,
      Runnable onOverflow) {
    this.channel = channel;
    this.wrap = wrap;
    this.farewell = farewell;
    this.hardLimitBytes = hardLimitBytes;
    this.onOverflow = onOverflow;
  }

  @Override
  public void send(EncodedFrame frame) {
    if (!channel.isActive()) {
      return; // gone: the session's cleanup is on its way
    }
    if (!channel.isWritable() && isOverHardLimit() && overflowed.compareAndSet(false, true)) {
      onOverflow.run();
      return;
    }
    Object message = wrap.apply(frame);
    if (channel.eventLoop().inEventLoop()) {
      writeInTurn(message);
      return;
    }
    // From another thread (an ack, or a replay, from a room's lane): Netty's write task, whose
    // bytes count against the high watermark at once (a replay's flow control relies on it),
    // flushed in that task. A write task without the flush, joined to the loop's turn flush,
    // lost a replay's last frames under load (ReplayIT).
    channel.writeAndFlush(message, channel.voidPromise());
  }

  private void writeInTurn(Object message) {
    // Due first: its flush is then queued ahead of any task the write itself queues (an encoder
    // that closes the connection after its last line), so that line goes out before the close.
    TurnFlush.ofThisLoop().due(this);
    channel.write(message, channel.voidPromise());
  }

  Channel channel() {
    return channel;
  }

  private boolean isOverHardLimit() {
    long behind = channel.bytesBeforeWritable();
    // Netty answers Long.MAX_VALUE for a channel that closed meanwhile: not a slow reader.
    return behind > hardLimitBytes && behind != Long.MAX_VALUE;
  }

  /** Netty's writability: under the channel's high watermark, which is {@code --max-pending}. */
  @Override
  public boolean isWritable() {
    return channel.isWritable();
  }

  @Override
  public void whenWritable(Runnable then) {
    EventLoop loop = channel.eventLoop();
    if (!loop.inEventLoop()) {
      try {
        loop.execute(() -> whenWritable(then));
      } catch (RejectedExecutionException stopping) {
        // the server is stopping: this connection is closing anyway
      }
      return;
    }
    if (channel.isWritable()) {
      then.run();
    } else if (channel.isActive()) {
      if (writableWaiters == null) {
        writableWaiters = new ArrayList<>(2);
      }
      writableWaiters.add(then);
    }
  }

  /** The channel turned writable: runs what waited for it. On the event loop. */
  void writable() {
    List<Runnable> waiting = writableWaiters;
    if (waiting != null) {
      writableWaiters = null;
      waiting.forEach(Runnable::run);
    }
  }

  @Override
  public void closeAfter(EncodedFrame last) {
    writeLast(last).addListener(ChannelFutureListener.CLOSE);
    channel.eventLoop().schedule(() -> channel.close(), LAST_FRAME_GRACE_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void closeNow(EncodedFrame last) {
    writeLast(last);
    channel.close();
  }

  private ChannelFuture writeLast(EncodedFrame last) {
    Object goodbye = farewell.get();
    if (goodbye == null) {
      return channel.writeAndFlush(wrap.apply(last));
    }
    channel.write(wrap.apply(last), channel.voidPromise());
    return channel.writeAndFlush(goodbye);
  }

  @Override
  public void close() {
    channel.close();
  }

  @Override
  public Executor executor() {
    return channel.eventLoop();
  }

  @Override
  public boolean inExecutor() {
    return channel.eventLoop().inEventLoop();
  }

  @Override
  public String remoteHost() {
    return hostOf(channel.remoteAddress());
  }

  /** The IP address of a socket address, or its text for anything else. */
  public static String hostOf(java.net.SocketAddress address) {
    return address instanceof java.net.InetSocketAddress inet && inet.getAddress() != null
        ? inet.getAddress().getHostAddress()
        : String.valueOf(address);
  }

  @Override
  public String remoteAddress() {
    return String.valueOf(channel.remoteAddress());
  }
}
