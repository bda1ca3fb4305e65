package dev.parley.server.transport.udp;

import dev.parley.protocol.ClientFrame;
import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.session.ScriptAnswer;
import dev.parley.server.session.ScriptRequests;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler: a refusal is answered at once; a request goes to {@link ScriptRequests}
 * (the token looked up, limited per token, the frame's rules and its ref's idempotence) and its
 * one answer, the {@code ack} or an error, goes back to the sender as one datagram if it fits.
 * An unexpected exception is logged (a line per interval at most) and never closes the channel:
 * it is every sender's.
 */
final class UdpRequestHandler extends SimpleChannelInboundHandler<Datagram> {
  private static final Logger log = LoggerFactory.getLogger(UdpRequestHandler.class);
  private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final ScriptRequests scripts;
  private final DatagramAnswers answers;
  private final ServerMetrics metrics;
  /** When the next unexpected exception may be logged; only touched on the event loop. */
  private long nextLogNanos = System.nanoTime();

  UdpRequestHandler(ScriptRequests scripts, DatagramAnswers answers, ServerMetrics metrics) {
    this.scripts = scripts;
    this.answers = answers;
    this.metrics = metrics;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Datagram datagram) {
    Channel channel = ctx.channel();
    if (datagram instanceof Datagram.Refused r) {
      metrics.scriptRequest(AddressLimitHandler.TRANSPORT, r.code());
      answers.error(channel, r.sender(), r.size(), r.code(), r.message(), r.ref());
      return;
    }
    Datagram.Request r = (Datagram.Request) datagram;
    ask(r).whenComplete((answer, failure) -> {
      if (answer != null) {
        answers.send(channel, r.sender(), r.size(), answer.frame());
      }
    });
  }

  private CompletableFuture<ScriptAnswer> ask(Datagram.Request r) {
    // A source address can be forged: its failed lookups must not throttle the logins of the
    // real host over TCP or HTTP, nor its successes make it a known host for a user.
    String host = "udp:" + r.sender().getAddress().getHostAddress();
    String transport = AddressLimitHandler.TRANSPORT;
    if (r.frame() instanceof ClientFrame.Dm dm) {
      return scripts.dm(transport, r.token(), host, dm);
    }
    return scripts.send(transport, r.token(), host, (ClientFrame.Send) r.frame());
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    long now = System.nanoTime();
    if (now - nextLogNanos >= 0) {
      nextLogNanos = now + LOG_INTERVAL_NANOS;
      log.warn("a UDP datagram could not be handled", cause);
    }
  }
}
