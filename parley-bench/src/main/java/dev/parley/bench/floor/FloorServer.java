package dev.parley.bench.floor;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The floor: the least a JVM fan-out server can do. Over TCP the first line names the room (and
 * is echoed once joined) and every later line is written to every connection of that room;
 * over WebSocket ({@code /ws}) the same with text frames. No protocol, no storage, no checks:
 * what Parley is measured against to see what its guarantees cost. It uses the same Netty transport (NIO) and
 * event-loop count as the server, and is a true floor for fan-out: a message costs each member one write (a shared
 * duplicate) and each other event loop one task, and each channel is flushed once per event-loop turn however many
 * messages that turn wrote to it ({@link FloorRoom}, {@link TurnFlusher}).
 *
 * <p>Run as a child process of the bench: {@code FloorServer [BIND]}; prints {@code floor
 * listening tcp=HOST:PORT http=HOST:PORT} once both listeners are bound.
 */
public final class FloorServer {
  private static final int MAX_LINE = 65536;

  private FloorServer() {}

  public static void main(String[] args) throws InterruptedException {
    String bind = args.length > 0 ? args[0] : "127.0.0.1";
    FloorRooms rooms = new FloorRooms();
    EventLoopGroup boss = new NioEventLoopGroup(1);
    EventLoopGroup workers = new NioEventLoopGroup(2 * Runtime.getRuntime().availableProcessors());
    Channel tcp = bind(boss, workers, bind, tcpPipeline(rooms));
    Channel http = bind(boss, workers, bind, webSocketPipeline(rooms));
    System.out.println("floor listening tcp=" + address(tcp) + " http=" + address(http));
    System.out.flush();
    tcp.closeFuture().sync();
  }

  private static ChannelInitializer<SocketChannel> tcpPipeline(FloorRooms rooms) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        ch.pipeline()
            .addLast(new LineBasedFrameDecoder(MAX_LINE, false, true))
            .addLast(new FloorHandler<>(ByteBuf.class, rooms, line -> line.toString(StandardCharsets.UTF_8)));
      }
    };
  }

  private static ChannelInitializer<SocketChannel> webSocketPipeline(FloorRooms rooms) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        ch.pipeline()
            .addLast(new HttpServerCodec())
            .addLast(new HttpObjectAggregator(MAX_LINE))
            .addLast(new WebSocketServerProtocolHandler("/ws", null, false, MAX_LINE))
            .addLast(new FloorHandler<>(TextWebSocketFrame.class, rooms, TextWebSocketFrame::text));
      }
    };
  }

  private static Channel bind(
      EventLoopGroup boss, EventLoopGroup workers, String host, ChannelInitializer<SocketChannel> init)
      throws InterruptedException {
    return new ServerBootstrap()
        .group(boss, workers)
        .channel(NioServerSocketChannel.class)
        .childHandler(init)
        .bind(host, 0)
        .sync()
        .channel();
  }

  private static String address(Channel channel) {
    InetSocketAddress a = (InetSocketAddress) channel.localAddress();
    return a.getHostString() + ":" + a.getPort();
  }
}
