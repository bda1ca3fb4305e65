package dev.parley.server.transport.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Writing HTTP answers, every one with the security headers: no MIME sniffing, no framing by
 * other sites, no referrer, and for pages a Content-Security-Policy that allows scripts,
 * styles and connections from this server only (so no inline script runs).
 */
public final class HttpResponses {
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  public static final String JSON = "application/json; charset=utf-8";
  public static final String TEXT = "text/plain; charset=utf-8";

  private HttpResponses() {}

  /**
   * Sends a complete answer; closes the connection afterwards unless the request keeps it. The
   * future completes once the answer has been written out (or failed).
   */
  public static ChannelFuture send(
      ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String contentType, ByteBuf body) {
    return send(ctx, keepAlive, status, contentType, body, h -> {});
  }

  /** As above, with {@code extra} headers. */
  public static ChannelFuture send(
      ChannelHandlerContext ctx,
      boolean keepAlive,
      HttpResponseStatus status,
      String contentType,
      ByteBuf body,
      Consumer<HttpHeaders> extra) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
    HttpHeaders h = response.headers();
    extra.accept(h);
    if (contentType != null) {
      h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
    }
    secure(h);
    HttpUtil.setContentLength(response, body.readableBytes());
    if (keepAlive) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      return ctx.writeAndFlush(response);
    }
    h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    return ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  public static void text(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String text) {
    send(ctx, keepAlive, status, TEXT, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
  }

  public static ChannelFuture json(
      ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, byte[] json) {
    return send(ctx, keepAlive, status, JSON, Unpooled.wrappedBuffer(json));
  }

  public static void empty(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status) {
    send(ctx, keepAlive, status, null, Unpooled.EMPTY_BUFFER);
  }

  static void secure(HttpHeaders h) {
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  }
}
