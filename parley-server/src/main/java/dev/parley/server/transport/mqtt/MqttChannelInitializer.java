package dev.parley.server.transport.mqtt;

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
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The MQTT pipeline, top to bottom: TLS when configured, Netty's MQTT codec (a packet larger
 * than {@code --max-frame} plus room for MQTT's headers is {@code too_large}), the idle timer
 * (re-set from CONNECT's keep-alive), the gateway, and the session handler every transport ends
 * in. The session's frames pass through as they are and the gateway translates them.
 */
public final class MqttChannelInitializer extends ChannelInitializer<SocketChannel> {
  public static final String TRANSPORT = "mqtt";
  /** Room for the fixed and variable headers (topic, properties) around a payload. */
  private static final int HEADER_ALLOWANCE = 1024;
  private static final int MAX_CLIENT_ID = 256;
  private static final Function<EncodedFrame, Object> AS_IS = frame -> frame;

  private final SessionServices services;
  private final CommandTable commands;
  private final SslContext tls;
  private final int maxFrameBytes;
  private final Duration heartbeat;
  private final long maxPendingBytes;
  private final ChannelGroup channels;
  private final AddressAdmission admission;
  private final TlsFailures tlsFailures;
  private final MqttSessions sessions;

  public MqttChannelInitializer(
      SessionServices services,
      CommandTable commands,
      SslContext tls,
      int maxFrameBytes,
      Duration heartbeat,
      long maxPendingBytes,
      ChannelGroup channels,
      AddressAdmission admission,
      ProtocolViolations violations,
      MqttSessions sessions) {
    this.services = services;
    this.commands = commands;
    this.tls = tls;
    this.maxFrameBytes = maxFrameBytes;
    this.heartbeat = heartbeat;
    this.maxPendingBytes = maxPendingBytes;
    this.channels = channels;
    this.admission = admission;
    this.tlsFailures = new TlsFailures(violations, TRANSPORT);
    this.sessions = sessions;
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
    p.addLast("flushConsolidation", new FlushConsolidationHandler(256, true));
    p.addLast("mqttDecoder", new MqttDecoder(maxFrameBytes + HEADER_ALLOWANCE, MAX_CLIENT_ID));
    p.addLast("mqttEncoder", MqttEncoder.INSTANCE);
    p.addLast("idle", new IdleStateHandler(heartbeat.toMillis(), 0, 0, TimeUnit.MILLISECONDS));
    p.addLast("gateway", new MqttGateway(sessions));
    p.addLast("session", new SessionHandler(
        services, commands, AS_IS, () -> null, maxPendingBytes, TRANSPORT, admitted, null));
  }
}
