package dev.parley.server.transport.tcp;

import dev.parley.protocol.EncodedFrame;
import dev.parley.server.session.CommandTable;
import dev.parley.server.session.SessionServices;
import dev.parley.server.transport.AddressAdmission;
import dev.parley.server.transport.ProtocolViolations;
import dev.parley.server.transport.SessionHandler;
import dev.parley.server.transport.SharedFrameBytes;
import dev.parley.server.transport.Silence;
import dev.parley.server.transport.TlsFailures;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.function.Function;

/**
 * The TCP pipeline, top to bottom. Each connection is counted against its address's limit as
 * it is accepted; one over the limit still gets its session handler, which answers
 * {@code rate_limited} and closes.
 */
public final class TcpChannelInitializer extends ChannelInitializer<SocketChannel> {
  /** A line frame is the encoded frame's bytes as they are, newline included. */
  private static final Function<EncodedFrame, Object> LINE = SharedFrameBytes.lines();

  private final SessionServices services;
  private final CommandTable commands;
  private final SslContext tls;
  private final int maxFrameBytes;
  private final Duration heartbeat;
  private final long maxPendingBytes;
  private final ChannelGroup channels;
  private final AddressAdmission admission;
  private final TlsFailures tlsFailures;
  private final JsonLineDecoder jsonLineDecoder;

  public TcpChannelInitializer(
      SessionServices services,
      CommandTable commands,
      SslContext tls,
      int maxFrameBytes,
      Duration heartbeat,
      long maxPendingBytes,
      ChannelGroup channels,
      AddressAdmission admission,
      ProtocolViolations violations) {
    this.services = services;
    this.commands = commands;
    this.tls = tls;
    this.maxFrameBytes = maxFrameBytes;
    this.heartbeat = heartbeat;
    this.maxPendingBytes = maxPendingBytes;
    this.channels = channels;
    this.admission = admission;
    this.tlsFailures = new TlsFailures(violations, "tcp");
    this.jsonLineDecoder = new JsonLineDecoder(services.codec());
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    channels.add(ch);
    boolean admitted = admission.admit(ch);
    ChannelPipeline p = ch.pipeline();
    if (tls != null) {
      p.addLast("tls", tls.newHandler(ch.alloc()));
      p.addLast("tlsFailures", tlsFailures);
    }
    p.addLast("lineFramer", new LineBasedFrameDecoder(maxFrameBytes, true, true));
    p.addLast("jsonLineDecoder", jsonLineDecoder);
    p.addLast("session", new SessionHandler(
        services, commands, LINE, () -> null, maxPendingBytes, "tcp", admitted, new Silence(heartbeat.toMillis())));
  }
}
