package dev.parley.server.transport.udp;

import dev.parley.protocol.FrameCodec;
import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.session.ScriptRequests;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.DatagramChannel;

/**
 * The UDP pipeline, top to bottom: the per-address rate limit, the decoder of one datagram into
 * a request or a refusal, and the handler that answers it. There is one datagram channel, so one
 * of each; what they count is read here for the metrics.
 */
public final class UdpChannelInitializer extends ChannelInitializer<DatagramChannel> {
  /** Enough to see that a datagram is over the limit; a longer one arrives cut to this. */
  public static final int RECEIVE_BYTES = 2048;

  private final DatagramAnswers answers;
  private final AddressLimitHandler addressLimit;
  private final DatagramDecoder decoder;
  private final UdpRequestHandler requests;

  public UdpChannelInitializer(ScriptRequests scripts, FrameCodec codec, ServerMetrics metrics, int ratePerSecond) {
    this.answers = new DatagramAnswers(codec, metrics);
    this.addressLimit =
        new AddressLimitHandler(new AddressRates(ratePerSecond, AddressRates.MAX_ADDRESSES, System.nanoTime()), answers, metrics);
    this.decoder = new DatagramDecoder(codec);
    this.requests = new UdpRequestHandler(scripts, answers, metrics);
  }

  @Override
  protected void initChannel(DatagramChannel channel) {
    channel.pipeline().addLast("addressLimit", addressLimit).addLast("decoder", decoder).addLast("requests", requests);
  }

  /** Answers not sent because they were larger than the datagram they answered. */
  public long withheld() {
    return answers.withheld();
  }

  /** Datagrams dropped silently because their address was over its rate. */
  public long dropped() {
    return addressLimit.dropped();
  }
}
