package dev.parley.server.transport.http;

import dev.parley.server.metrics.PrometheusMetrics;
import dev.parley.server.transport.http.poll.PollHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain HTTP requests (everything but the WebSocket upgrade): long-polling, health, metrics and
 * the web client's files. An HTTP connection idle past its limit is closed.
 */
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(HttpRouter.class);

  private final PollHandler poll;
  private final StaticFiles files;
  private final PrometheusMetrics metrics;
  private final HealthCheck health;

  HttpRouter(PollHandler poll, StaticFiles files, PrometheusMetrics metrics, HealthCheck health) {
    this.poll = poll;
    this.files = files;
    this.metrics = metrics;
    this.health = health;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (!request.decoderResult().isSuccess()) {
      HttpResponses.text(ctx, false, HttpResponseStatus.BAD_REQUEST, "malformed request\n");
      return;
    }
    String uri = request.uri();
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    HttpMethod method = request.method();
    if (path.startsWith("/poll/")) {
      poll.handle(ctx, request, path, keepAlive);
    } else if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
      HttpResponses.text(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed\n");
    } else if (path.equals("/healthz")) {
      health.check(ok -> HttpResponses.text(ctx, keepAlive,
          ok ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, ok ? "ok\n" : "store unavailable\n"));
    } else if (path.equals("/metrics")) {
      HttpResponses.send(ctx, keepAlive, HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8",
          io.netty.buffer.Unpooled.copiedBuffer(metrics.scrape(), java.nio.charset.StandardCharsets.UTF_8));
    } else if (!files.serve(ctx, request, path, keepAlive)) {
      HttpResponses.text(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "not found\n");
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent) {
      ctx.close();
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof IOException)) {
      log.warn("HTTP request from {} failed", ctx.channel().remoteAddress(), cause);
    }
    ctx.close();
  }
}
