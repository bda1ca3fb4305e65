package dev.parley.server.transport.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayDeque;

/**
 * Pipelined requests are answered in the order they came (RFC 9112, section 9.3.2): one
 * request at a time goes on to be answered, and the next waits until that answer is written,
 * however long it takes (a long-poll {@code recv} may take 25 s). At most {@value #MAX_WAITING}
 * wait; then the connection stops reading until they have been answered. After a {@code 101}
 * the connection is a WebSocket and nothing waits any more. One per connection, until the
 * upgrade; only touched on its event loop.
 */
final class AnswersInOrder extends ChannelDuplexHandler {
  static final int MAX_WAITING = 16;

  /** Requests read while an earlier one was being answered, oldest first. */
  private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
  /** Whether a request has gone on and its answer is not yet written. */
  private boolean answering;
  /** Whether reading stopped because {@link #waiting} is full. */
  private boolean paused;
  private boolean upgraded;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request) || upgraded) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (!answering) {
      answering = true;
      ctx.fireChannelRead(request);
      return;
    }
    waiting.add(request);
    if (waiting.size() >= MAX_WAITING && !paused) {
      paused = true;
      ctx.channel().config().setAutoRead(false);
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse response && response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
      upgraded = true; // whatever was pipelined behind the upgrade is not HTTP
      releaseWaiting();
    }
    if (!answering || !(msg instanceof LastHttpContent) || upgraded) {
      ctx.write(msg, promise);
      return;
    }
    ChannelPromise written = promise.unvoid();
    written.addListener(f -> answered(ctx));
    ctx.write(msg, written);
  }

  /** The answer is written (or failed to be): the next request may go on. */
  private void answered(ChannelHandlerContext ctx) {
    answering = false;
    if (upgraded || !ctx.channel().isActive()) {
      releaseWaiting();
      return;
    }
    FullHttpRequest next = waiting.poll();
    if (paused && waiting.size() < MAX_WAITING) {
      paused = false;
      ctx.channel().config().setAutoRead(true);
    }
    if (next != null) {
      answering = true;
      ctx.fireChannelRead(next);
      ctx.fireChannelReadComplete();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseWaiting();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    releaseWaiting();
  }

  private void releaseWaiting() {
    for (FullHttpRequest r; (r = waiting.poll()) != null; ) {
      r.release();
    }
  }
}
