package dev.parley.client.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Event loops for clients' connections. A client takes one loop with {@link #next} and keeps it:
 * every connection it ever makes lives on that loop, and so does all of its state.
 */
public final class LoopGroup implements AutoCloseable {
  private final EventLoopGroup group;

  public LoopGroup(int threads) {
    this.group = new NioEventLoopGroup(threads, new DefaultThreadFactory("parley-client-io", true));
  }

  /** One event loop, to be given to {@link Connector}. */
  public ScheduledExecutorService next() {
    return group.next();
  }

  /** Stops the loops; waits for them unless called from one of them. */
  @Override
  public void close() {
    var done = group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    boolean onLoop = false;
    for (var loop : group) {
      onLoop |= loop.inEventLoop();
    }
    if (!onLoop) {
      done.awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }
}
