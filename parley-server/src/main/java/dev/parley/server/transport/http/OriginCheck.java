package dev.parley.server.transport.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses requests that a page from another site makes its visitor's browser send, on every
 * route such a page could use: {@code /ws}, {@code /poll/*} and {@code /metrics}. A request
 * without {@code Origin} comes from a program, not a page, and is allowed. An {@code Origin} is
 * allowed when it is listed with {@code --allow-origin}, or when it is the server's own: its
 * scheme is this listener's ({@code https} with TLS, else {@code http}), its host and port are
 * the request's {@code Host}, and that host is one a DNS-rebinding page cannot take for itself
 * ({@code localhost}, an IP address literal, or this machine's own host name). Any other name
 * the server is reached by must be listed with {@code --allow-origin}: a page whose name was
 * pointed at this server after it loaded would otherwise pass as the server's own.
 */
@Sharable
final class OriginCheck extends ChannelInboundHandlerAdapter {
  private final Set<String> allowed;
  private final String scheme;
  private final Set<String> ownNames;

  /**
   * @param allowed the {@code --allow-origin} origins
   * @param tls whether this listener speaks TLS
   * @param ownNames this machine's own host names, in lower case
   */
  OriginCheck(List<String> allowed, boolean tls, Set<String> ownNames) {
    this.allowed = Set.copyOf(allowed.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList());
    this.scheme = tls ? "https" : "http";
    this.ownNames = ownNames;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof FullHttpRequest request && isGuarded(request.uri()) && !isAllowed(request)) {
      ReferenceCountUtil.release(msg);
      HttpResponses.text(ctx, false, HttpResponseStatus.FORBIDDEN, "origin not allowed\n");
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private static boolean isGuarded(String uri) {
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    return path.equals(HttpChannelInitializer.WEBSOCKET_PATH) || path.startsWith("/poll/") || path.equals("/metrics");
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
    Authority page = Authority.ofOrigin(lower, scheme);
    String host = request.headers().get(HttpHeaderNames.HOST);
    return page != null
        && host != null
        && page.equals(Authority.ofHost(host.toLowerCase(Locale.ROOT), scheme))
        && cannotBeRebound(page.host());
  }

  /** A name no other site's DNS can point at this server: it never asks DNS, or names this machine. */
  private boolean cannotBeRebound(String host) {
    if (host.equals("localhost") || host.endsWith(".localhost") || NetUtil.isValidIpV4Address(host)) {
      return true;
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      return NetUtil.isValidIpV6Address(host.substring(1, host.length() - 1));
    }
    return ownNames.contains(host);
  }

  /** A host and port, the port filled in from the scheme when absent. */
  record Authority(String host, int port) {
    /** The authority of an origin of this scheme ({@code http://host:port}), or {@code null}. */
    static Authority ofOrigin(String origin, String scheme) {
      try {
        URI uri = URI.create(origin);
        if (!scheme.equals(uri.getScheme()) || uri.getHost() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
          return null;
        }
        return new Authority(uri.getHost(), uri.getPort() < 0 ? defaultPort(scheme) : uri.getPort());
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    /** The authority of a {@code Host} header, or {@code null}. */
    static Authority ofHost(String host, String scheme) {
      return ofOrigin(scheme + "://" + host, scheme);
    }

    private static int defaultPort(String scheme) {
      return scheme.equals("https") ? 443 : 80;
    }
  }
}
