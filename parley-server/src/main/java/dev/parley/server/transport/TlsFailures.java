package dev.parley.server.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import javax.net.ssl.SSLException;

/**
 * Right behind the TLS handler: a connection that does not speak TLS (plain text to a TLS
 * port) or fails its handshake is closed and counted as a protocol violation, once, without a
 * stack trace. Anything else goes on down the pipeline. Shared by every connection of a
 * listener.
 */
@Sharable
public final class TlsFailures extends ChannelInboundHandlerAdapter {
  private static final AttributeKey<Boolean> REPORTED = AttributeKey.valueOf("parley.tlsFailureReported");

  private final ProtocolViolations violations;
  private final String transport;

  public TlsFailures(ProtocolViolations violations, String transport) {
    this.violations = violations;
    this.transport = transport;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    SSLException tls = tlsCause(cause);
    if (tls == null) {
      ctx.fireExceptionCaught(cause);
      return;
    }
    if (ctx.channel().attr(REPORTED).setIfAbsent(Boolean.TRUE) == null) {
      violations.report(ctx.channel(), transport, "tls", tls.getClass().getSimpleName());
    }
    ctx.close();
  }

  /** The TLS failure behind {@code cause} (Netty wraps it in a decoder exception), or null. */
  static SSLException tlsCause(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SSLException ssl) {
        return ssl;
      }
    }
    return null;
  }
}
