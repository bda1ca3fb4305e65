package dev.parley.testkit;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy that spoils the network between clients and a server on purpose. It listens on
 * an ephemeral loopback port and forwards each connection it accepts to {@code target}. A
 * {@link Fault} (added delay, a black hole, a slow trickle towards the client) can be applied to
 * every connection ({@link #apply}) or to one ({@link ProxiedConnection#apply}); a connection
 * can be cut with a reset ({@link #cutAll}, {@link ProxiedConnection#cut}).
 *
 * <p>It reads each socket only when it has room: it holds at most {@value #MAX_HELD_BYTES}
 * bytes (plus one read of {@value #READ_BYTES}) per direction of a connection, so a fault that
 * stalls one side backs up into the other side's socket, as a slow network does, instead of
 * piling up here.
 */
public final class FaultProxy implements AutoCloseable {
  static final int MAX_HELD_BYTES = 64 * 1024;
  static final int READ_BYTES = 16 * 1024;

  private final InetSocketAddress target;
  private final int upstreamReceiveBufferBytes;
  private final EventLoopGroup loops = new NioEventLoopGroup(1, new DefaultThreadFactory("fault-proxy", true));
  private final Set<ProxiedConnection> live = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final Channel listener;
  private volatile Fault fault = Fault.none();

  private FaultProxy(InetSocketAddress target, int upstreamReceiveBufferBytes) {
    this.target = target;
    this.upstreamReceiveBufferBytes = upstreamReceiveBufferBytes;
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(loops)
            .channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.AUTO_READ, false)
            .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(READ_BYTES))
            .childHandler(new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel client) {
                accepted.incrementAndGet();
                dial(client);
              }
            });
    try {
      listener = bootstrap.bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw new IllegalStateException("interrupted while binding the proxy", e);
    }
  }

  /** A proxy to {@code target}, passing everything through until told otherwise. */
  public static FaultProxy start(InetSocketAddress target) {
    return new FaultProxy(target, 0);
  }

  /**
   * As {@link #start(InetSocketAddress)}, with a small receive buffer on the proxy's sockets to
   * the server ({@code upstreamReceiveBufferBytes}), so that a trickle or a black hole backs up
   * into the server after a few kilobytes rather than after the system's default buffer.
   */
  public static FaultProxy start(InetSocketAddress target, int upstreamReceiveBufferBytes) {
    return new FaultProxy(target, upstreamReceiveBufferBytes);
  }

  /** Where clients connect. */
  public InetSocketAddress address() {
    return (InetSocketAddress) listener.localAddress();
  }

  /** Applies {@code fault} to every open connection (before it returns) and to every later one. */
  public void apply(Fault fault) {
    this.fault = fault;
    live.forEach(c -> c.apply(fault));
  }

  /** Cuts every open connection with a reset; clients may connect again. */
  public void cutAll() {
    live.forEach(ProxiedConnection::cut);
  }

  /** The connections open now. */
  public List<ProxiedConnection> connections() {
    return List.copyOf(live);
  }

  /** How many connections the proxy has accepted since it started. */
  public int acceptedCount() {
    return accepted.get();
  }

  private void dial(SocketChannel client) {
    Bootstrap upstream =
        new Bootstrap()
            .group(client.eventLoop())
            .channel(NioSocketChannel.class)
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(READ_BYTES))
            .handler(new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                // nothing yet: the connection adds its handler once both ends are up
              }
            });
    if (upstreamReceiveBufferBytes > 0) {
      upstream.option(ChannelOption.SO_RCVBUF, upstreamReceiveBufferBytes);
    }
    ChannelFuture connecting = upstream.connect(target);
    connecting.addListener(done -> {
      if (!done.isSuccess() || !client.isActive()) {
        client.close();
        connecting.channel().close();
        return;
      }
      ProxiedConnection connection =
          new ProxiedConnection(client, connecting.channel(), fault, MAX_HELD_BYTES, live::remove);
      live.add(connection);
      Fault now = fault;
      if (now != connection.fault()) {
        connection.apply(now); // apply() came between reading the fault and joining live
      }
    });
  }

  /** Stops listening and closes every connection (without a reset). */
  @Override
  public void close() {
    listener.close().syncUninterruptibly();
    live.forEach(ProxiedConnection::close);
    loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
