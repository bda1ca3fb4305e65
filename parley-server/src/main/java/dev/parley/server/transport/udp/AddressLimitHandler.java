package dev.parley.server.transport.udp;

import dev.parley.protocol.ErrorCode;
import dev.parley.server.metrics.ServerMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The first handler: a datagram from an address over its rate (see {@link AddressRates}) goes
 * no further, before any decoding or lookup is spent on it; the first of a run is answered
 * {@code rate_limited} (if that fits), the rest are dropped silently and counted.
 */
final class AddressLimitHandler extends ChannelInboundHandlerAdapter {
  static final String TRANSPORT = "udp";

  /** Only touched on the channel's event loop. */
  private final AddressRates rates;
  private final DatagramAnswers answers;
  private final ServerMetrics metrics;
  private final AtomicLong dropped = new AtomicLong();

  AddressLimitHandler(AddressRates rates, DatagramAnswers answers, ServerMetrics metrics) {
    this.rates = rates;
    this.answers = answers;
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof DatagramPacket packet)) {
      ctx.fireChannelRead(msg);
      return;
    }
    var sender = packet.sender();
    switch (rates.admit(sender.getAddress(), System.nanoTime())) {
      case PASS -> ctx.fireChannelRead(packet);
      case WARN -> {
        int size = packet.content().readableBytes();
        packet.release();
        metrics.scriptRequest(TRANSPORT, ErrorCode.RATE_LIMITED);
        answers.error(ctx.channel(), sender, size, ErrorCode.RATE_LIMITED, "too many datagrams, slow down", null);
      }
      case DROP -> {
        ReferenceCountUtil.release(packet);
        dropped.incrementAndGet();
      }
    }
  }

  /** Datagrams dropped without a word, their address over its rate and told so already. */
  long dropped() {
    return dropped.get();
  }
}
