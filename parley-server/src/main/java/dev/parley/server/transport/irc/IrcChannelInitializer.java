package dev.parley.server.transport.irc;

import dev.parley.protocol.EncodedFrame;
import dev.parley.server.session.CommandTable;
import dev.parley.server.session.SessionServices;
import dev.parley.server.transport.AddressAdmission;
import dev.parley.server.transport.ProtocolViolations;
import dev.parley.server.transport.SessionHandler;
import dev.parley.server.transport.TlsFailures;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The IRC pipeline, top to bottom: TLS if configured, lines of at most 8191 + 510 bytes (IRCv3
 * tags and an RFC 1459 message), UTF-8 lines to IRC messages, IRC to protocol frames and back,
 * and the same session handler as TCP and WebSocket.
 */
public final class IrcChannelInitializer extends ChannelInitializer<SocketChannel> {
  /** The session's frames pass through as they are: the IRC encoder reads them. */
  private static final Function<EncodedFrame, Object> AS_IS = frame -> frame;

  /** What the IRC listener needs beyond the session's services. */
  public record Settings(
      SslContext tls, Duration heartbeat, long maxPendingBytes, int ratePerSecond, boolean guestsAllowed) {}

  private final SessionServices services;
  private final CommandTable commands;
  private final Settings settings;
  private final ChannelGroup channels;
  private final AddressAdmission admission;
  private final TlsFailures tlsFailures;

  public IrcChannelInitializer(
      SessionServices services,
      CommandTable commands,
      Settings settings,
      ChannelGroup channels,
      AddressAdmission admission,
      ProtocolViolations violations) {
    this.services = services;
    this.commands = commands;
    this.settings = settings;
    this.channels = channels;
    this.admission = admission;
    this.tlsFailures = new TlsFailures(violations, "irc");
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    channels.add(ch);
    boolean admitted = admission.admit(ch);
    IrcClient client = new IrcClient();
    IrcRegistration registration = new IrcRegistration(client, settings.guestsAllowed());
    ChannelPipeline p = ch.pipeline();
    if (settings.tls() != null) {
      p.addLast("tls", settings.tls().newHandler(ch.alloc()));
      p.addLast("tlsFailures", tlsFailures);
    }
    p.addLast("flushConsolidation", new FlushConsolidationHandler(256, true));
    p.addLast("lineFramer", new LineBasedFrameDecoder(IrcLineDecoder.MAX_LINE_BYTES, true, true));
    p.addLast("ircLineDecoder", new IrcLineDecoder());
    p.addLast("ircEncoder", new IrcFrameEncoder(client, new IrcFrames(client, registration)));
    p.addLast("ircCommands", new IrcCommands(client, registration, services.codec(), settings.ratePerSecond()));
    p.addLast("idle", new IdleStateHandler(settings.heartbeat().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
    p.addLast("session", new SessionHandler(
        services, commands, AS_IS, () -> null, settings.maxPendingBytes(), "irc", admitted, null));
  }
}
