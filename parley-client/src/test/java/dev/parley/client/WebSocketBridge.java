package dev.parley.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket endpoint at {@code /ws} that relays each text frame as a line to a server's TCP
 * port and each line back as a text frame: the contract's WebSocket framing in front of the real
 * server, so the client's WebSocket transport can be tested before the server serves
 * {@code /ws} itself.
 */
final class WebSocketBridge implements AutoCloseable {
  private final EventLoopGroup group = new NioEventLoopGroup(1);
  private final Channel listener;
  private final InetSocketAddress tcpServer;

  WebSocketBridge(InetSocketAddress tcpServer) throws InterruptedException {
    this.tcpServer = tcpServer;
    this.listener =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(
                    new HttpServerCodec(),
                    new HttpObjectAggregator(65536),
                    new WebSocketServerProtocolHandler("/ws"),
                    new WebSocketSide());
              }
            })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
  }

  int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  @Override
  public void close() {
    listener.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** One WebSocket connection, with its own TCP connection to the server. */
  private final class WebSocketSide extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private Channel tcp;

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
        ctx.channel().config().setAutoRead(false);
        Channel ws = ctx.channel();
        new Bootstrap()
            .group(ws.eventLoop())
            .channel(NioSocketChannel.class)
            .handler(new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new LineBasedFrameDecoder(65536), new TcpSide(ws));
              }
            })
            .connect(tcpServer)
            .addListener(f -> {
              if (f.isSuccess()) {
                tcp = ((io.netty.channel.ChannelFuture) f).channel();
                tcp.closeFuture().addListener(c -> ws.close());
                ws.config().setAutoRead(true);
              } else {
                ws.close();
              }
            });
      }
      ctx.fireUserEventTriggered(event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
      tcp.writeAndFlush(Unpooled.wrappedBuffer(
          frame.text().getBytes(StandardCharsets.UTF_8), new byte[] {'\n'}));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (tcp != null) {
        tcp.close();
      }
    }
  }

  private static final class TcpSide extends SimpleChannelInboundHandler<io.netty.buffer.ByteBuf> {
    private final Channel ws;

    TcpSide(Channel ws) {
      this.ws = ws;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, io.netty.buffer.ByteBuf line) {
      ws.writeAndFlush(new TextWebSocketFrame(line.toString(StandardCharsets.UTF_8)));
    }
  }
}
