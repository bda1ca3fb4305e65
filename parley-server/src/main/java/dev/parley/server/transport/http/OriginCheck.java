package dev.parley.server.transport.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Refuses WebSocket upgrades from other sites' pages, so a page elsewhere cannot use a
 * visitor's browser to talk to this server. A browser always sends {@code Origin}; it is
 * allowed when its host and port are this request's {@code Host}, or it is listed with
 * {@code --allow-origin}. Requests without {@code Origin} come from programs, not pages, and
 * are allowed.
 */
@Sharable
final class OriginCheck extends ChannelInboundHandlerAdapter {
  private final String path;
  private final List<String> allowed;

  OriginCheck(String path, List<String> allowed) {
    this.path = path;
    this.allowed = allowed.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof FullHttpRequest request && isWebSocketPath(request) && !isAllowed(request)) {
      ReferenceCountUtil.release(msg);
      HttpResponses.text(ctx, false, HttpResponseStatus.FORBIDDEN, "origin not allowed\n");
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private boolean isWebSocketPath(FullHttpRequest request) {
    String uri = request.uri();
    int query = uri.indexOf('?');
    return (query < 0 ? uri : uri.substring(0, query)).equals(path);
  }

  boolean isAllowed(FullHttpRequest request) {
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    if (origin == null) {
      return true;
    }
    String lower = origin.toLowerCase(Locale.ROOT);
    if (allowed.contains(lower)) {
      return true;
    }
    String host = request.headers().get(HttpHeaderNames.HOST);
    return host != null && host.toLowerCase(Locale.ROOT).equals(authorityOf(lower));
  }

  private static String authorityOf(String origin) {
    try {
      return URI.create(origin).getRawAuthority();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
