package dev.parley.server.transport.http;

import dev.parley.server.transport.ProtocolViolations;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How long one HTTP request may take to arrive whole, head and body, counted from its first
 * byte. Bytes trickled in do not extend it, as they would an idle timer; past it the connection
 * is closed and counted as a violation ({@code request_timeout}). Between requests it does not
 * run: a keep-alive connection at rest is the idle timer's. One per connection; only touched on
 * its event loop.
 */
final class RequestDeadline {
  private final long nanos;
  private final ProtocolViolations violations;
  /** Set while a request is arriving; on the event loop. */
  private ScheduledFuture<?> timer;

  RequestDeadline(Duration limit, ProtocolViolations violations) {
    this.nanos = limit.toNanos();
    this.violations = violations;
  }

  /** A request's first byte arrived (or more of one already timed). */
  void started(ChannelHandlerContext ctx) {
    if (timer == null && ctx.channel().isActive()) {
      timer = ctx.executor().schedule(() -> expired(ctx), nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** The request arrived whole, or the connection is done with HTTP. */
  void finished() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private void expired(ChannelHandlerContext ctx) {
    timer = null;
    violations.report(ctx.channel(), "http", "request_timeout",
        "a request still incomplete " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms after its first byte");
    ctx.channel().close();
  }
}
