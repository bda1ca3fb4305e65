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
 * Flushes from other threads are merged by the pipeline's flush consolidation.
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
    channel.writeAndFlush(wrap.apply(frame), channel.voidPromise());
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
