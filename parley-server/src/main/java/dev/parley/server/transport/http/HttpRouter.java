package dev.parley.server.transport.http;

import dev.parley.server.metrics.PrometheusMetrics;
import dev.parley.server.transport.ProtocolViolations;
import dev.parley.server.transport.http.api.ApiHandler;
import dev.parley.server.transport.http.poll.PollHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain HTTP requests (everything but the WebSocket upgrade): long-polling, the API for scripts,
 * health, metrics and the web client's files. A request the decoder refused (malformed, or framed ambiguously) is
 * answered {@code 400} and its connection closed; {@code /metrics} is shown only as {@link
 * MetricsAccess} allows. An HTTP connection idle past its limit is closed.
 */
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(HttpRouter.class);

  private final PollHandler poll;
  private final ApiHandler api;
  private final StaticFiles files;
  private final PrometheusMetrics metrics;
  private final HealthCheck health;
  private final MetricsAccess metricsAccess;
  private final ProtocolViolations violations;

  HttpRouter(
      PollHandler poll,
      ApiHandler api,
      StaticFiles files,
      PrometheusMetrics metrics,
      HealthCheck health,
      MetricsAccess metricsAccess,
      ProtocolViolations violations) {
    this.poll = poll;
    this.api = api;
    this.files = files;
    this.metrics = metrics;
    this.health = health;
    this.metricsAccess = metricsAccess;
    this.violations = violations;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (!request.decoderResult().isSuccess() && !ctx.channel().isActive()) {
      return; // the connection ended in the middle of a request: nobody to answer
    }
    if (!request.decoderResult().isSuccess()) {
      violations.report(ctx.channel(), "http", "bad_request", String.valueOf(request.decoderResult().cause()));
      HttpResponses.text(ctx, false, HttpResponseStatus.BAD_REQUEST, "malformed request\n");
      return;
    }
    String uri = request.uri();
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    HttpMethod method = request.method();
    if (path.startsWith("/poll/")) {
      poll.handle(ctx, request, path, keepAlive);
    } else if (ApiHandler.isApi(path)) {
      api.handle(ctx, request, path, keepAlive);
    } else if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
      HttpResponses.text(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed\n");
    } else if (path.equals("/healthz")) {
      health.check(report -> HttpResponses.text(ctx, keepAlive,
          report.ok() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, report.text()));
    } else if (path.equals("/metrics") && !metricsAccess.allows(peerOf(ctx), request.headers())) {
      HttpResponses.text(ctx, keepAlive, HttpResponseStatus.FORBIDDEN, "metrics are for this machine or the metrics token\n");
    } else if (path.equals("/metrics")) {
      HttpResponses.send(ctx, keepAlive, HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8",
          io.netty.buffer.Unpooled.copiedBuffer(metrics.scrape(), java.nio.charset.StandardCharsets.UTF_8));
    } else if (!files.serve(ctx, request, path, keepAlive)) {
      HttpResponses.text(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "not found\n");
    }
  }

  private static java.net.InetAddress peerOf(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress() : null;
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
