package dev.parley.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.util.function.Consumer;

/**
 * One client's connection through a {@link FaultProxy}: the client's socket, the proxy's socket
 * to the server, and a {@link Pipe} each way. Both sockets live on one event loop; the public
 * methods may be called from any thread and take effect on that loop, in call order.
 */
public final class ProxiedConnection {
  private final Channel client;
  private final Channel server;
  private final Pipe up;
  private final Pipe down;
  private final Consumer<ProxiedConnection> onClosed;
  private volatile Fault fault;
  private volatile boolean open = true;

  ProxiedConnection(
      Channel client, Channel server, Fault fault, int maxHeldBytes, Consumer<ProxiedConnection> onClosed) {
    this.client = client;
    this.server = server;
    this.up = new Pipe(client, server, maxHeldBytes, this::halfClosed);
    this.down = new Pipe(server, client, maxHeldBytes, this::halfClosed);
    this.onClosed = onClosed;
    client.pipeline().addLast("fault-proxy", new Side(up, down));
    server.pipeline().addLast("fault-proxy", new Side(down, up));
    configure(fault);
  }

  /** Applies {@code fault} to this connection; in force for every byte read after it returns. */
  public void apply(Fault fault) {
    onLoop(() -> configure(fault));
  }

  /**
   * Cuts the connection the way a failing network or a crashed middlebox does: both sockets are
   * closed at once with a reset (SO_LINGER 0), so neither end gets the bytes still in the proxy.
   * Both are closed when it returns.
   */
  public void cut() {
    onLoop(() -> {
      reset(client);
      reset(server);
    });
  }

  private void onLoop(Runnable task) {
    if (client.eventLoop().inEventLoop()) {
      task.run();
    } else {
      client.eventLoop().submit(task).syncUninterruptibly();
    }
  }

  public Fault fault() {
    return fault;
  }

  /** Whether either socket is still open. */
  public boolean isOpen() {
    return open;
  }

  /** Bytes forwarded from the server to the client so far. */
  public long bytesToClient() {
    return down.forwarded();
  }

  /** The most bytes the proxy held for this connection in one direction at once. */
  public int heldHighWater() {
    return Math.max(up.heldHighWater(), down.heldHighWater());
  }

  void close() {
    client.close();
    server.close();
  }

  private void configure(Fault fault) {
    this.fault = fault;
    boolean stopped = fault instanceof Fault.BlackHole;
    long upDelay = 0;
    long downDelay = 0;
    if (fault instanceof Fault.Delay delay) {
      upDelay = delay.up().toNanos();
      downDelay = delay.down().toNanos();
    }
    int downRate = fault instanceof Fault.Trickle trickle ? trickle.bytesPerSecond() : 0;
    up.configure(upDelay, 0, stopped);
    down.configure(downDelay, downRate, stopped);
  }

  private static void reset(Channel channel) {
    if (channel.isOpen()) {
      channel.config().setOption(ChannelOption.SO_LINGER, 0);
      channel.close();
    }
  }

  /** Both directions half-closed, one after the other: the connection is over. */
  private void halfClosed() {
    if (up.ended() && down.ended()) {
      close();
    }
  }

  private void sideClosed() {
    if (open && !client.isActive() && !server.isActive()) {
      open = false;
      up.release();
      down.release();
      onClosed.accept(this);
    }
  }

  /** The handler on each socket: what it reads goes out through {@code outgoing}. */
  private final class Side extends ChannelInboundHandlerAdapter {
    private final Pipe outgoing;
    private final Pipe incoming;

    Side(Pipe outgoing, Pipe incoming) {
      this.outgoing = outgoing;
      this.incoming = incoming;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      outgoing.received((ByteBuf) msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof ChannelInputShutdownEvent) {
        outgoing.sourceEnded(false); // a FIN: pass it on once the held bytes are out
      }
      ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      outgoing.sourceEnded(true);
      incoming.release(); // nobody left to deliver it to
      sideClosed();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      incoming.drain();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close(); // a reset from either end: that socket is gone
    }
  }

  @Override
  public String toString() {
    return "ProxiedConnection[" + client.remoteAddress() + " -> " + server.remoteAddress() + ", " + fault + "]";
  }
}
