package dev.parley.bench.gen;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;

/**
 * One generated connection that joins one room, publishes stamped messages into it and reports
 * every stamped message it receives. Subclasses speak one system's protocol; this class hides
 * whether frames are lines on TCP or text frames on a WebSocket. Lives on one event loop.
 */
public abstract class BenchClient extends ChannelInboundHandlerAdapter {
  protected final String room;
  protected final Events events;
  private final boolean webSocket;
  private final CompletableFuture<BenchClient> ready = new CompletableFuture<>();
  protected Channel channel;
  private volatile boolean closing;

  protected BenchClient(String room, Events events, boolean webSocket) {
    this.room = room;
    this.events = events;
    this.webSocket = webSocket;
  }

  /** Completes once the connection is logged in and has joined its room. */
  public CompletableFuture<BenchClient> ready() {
    return ready;
  }

  /** Queues one message to the room, unflushed. */
  public abstract void publish(String text);

  /** Queues one message whose acknowledgement (or, without acks, own echo) is awaited. */
  public void publishForAck(int step, long nanos) {
    publish(Stamp.text(step, nanos));
  }

  /** True when the system acknowledges sends itself (Parley); else the own echo stands in. */
  public boolean acknowledges() {
    return false;
  }

  public void flush() {
    channel.flush();
  }

  public boolean isOpen() {
    return channel != null && channel.isActive();
  }

  public void close() {
    closing = true;
    if (channel != null) {
      channel.close();
    }
  }

  /** The link is up (TCP connected, or WebSocket handshake done): log in and join. */
  protected abstract void linkUp();

  /** One received frame: a line without its newline, or a text frame's content. */
  protected abstract void frame(ByteBuf content);

  protected final void markReady() {
    ready.complete(this);
  }

  protected final void fail(String why) {
    if (!ready.completeExceptionally(new IllegalStateException(why))) {
      events.trouble(why);
    }
  }

  /** Writes one frame of text, unflushed. */
  protected final ChannelFuture writeText(String text) {
    if (webSocket) {
      return channel.write(new TextWebSocketFrame(text));
    }
    ByteBuf buf = ByteBufUtil.writeUtf8(channel.alloc(), text);
    buf.writeByte('\n');
    return channel.write(buf);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    channel = ctx.channel();
    if (!webSocket) {
      linkUp();
    }
    super.channelActive(ctx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      linkUp();
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof TextWebSocketFrame text) {
        frame(text.content());
      } else if (msg instanceof ByteBuf line) {
        frame(line);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (!closing) {
      fail("closed by the server");
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail("connection failed: " + cause.getClass().getSimpleName());
    ctx.close();
  }
}
