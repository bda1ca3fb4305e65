package dev.parley.server.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A bare MQTT connection for what real clients will not do: packets written by Netty's encoder
 * (or any bytes at all) on a plain socket, and the server's packets read back with Netty's
 * decoder. Waits are bounded.
 */
final class RawMqtt implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  /** Encoder and decoder on one channel: the encoder notes CONNECT's protocol level for both. */
  private final EmbeddedChannel codec = new EmbeddedChannel(new MqttDecoder(1 << 20), MqttEncoder.INSTANCE);

  RawMqtt(InetSocketAddress server) throws IOException {
    socket = new Socket(server.getAddress(), server.getPort());
    socket.setSoTimeout(200);
    in = socket.getInputStream();
  }

  static MqttMessage connect(String clientId, String user, String password, boolean clean) {
    return connect(MqttVersion.MQTT_3_1_1, clientId, user, password, clean, 60);
  }

  static MqttMessage connect(MqttVersion version, String clientId, String user, String password, boolean clean, int keepAlive) {
    var b = MqttMessageBuilders.connect()
        .protocolVersion(version).clientId(clientId).cleanSession(clean).keepAlive(keepAlive)
        .hasUser(true).username(user);
    if (password != null) {
      b.hasPassword(true).password(password.getBytes(StandardCharsets.UTF_8));
    }
    return b.build();
  }

  static MqttMessage publish(String topic, String text, int qos, int packetId, boolean dup) {
    return publish(topic, text, qos, packetId, dup, false);
  }

  static MqttMessage publish(String topic, String text, int qos, int packetId, boolean dup, boolean retain) {
    var m = MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.valueOf(qos)).messageId(packetId)
        .retained(retain).payload(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)).build();
    if (!dup) {
      return m;
    }
    var h = m.fixedHeader();
    return new io.netty.handler.codec.mqtt.MqttPublishMessage(
        new io.netty.handler.codec.mqtt.MqttFixedHeader(h.messageType(), true, h.qosLevel(), h.isRetain(), 0),
        m.variableHeader(), m.payload());
  }

  void send(MqttMessage m) throws IOException {
    codec.writeOutbound(m);
    ByteBuf out;
    while ((out = codec.readOutbound()) != null) {
      byte[] bytes = new byte[out.readableBytes()];
      out.readBytes(bytes);
      out.release();
      sendBytes(bytes);
    }
  }

  void sendBytes(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  /** A packet from the server; a PUBLISH's payload read into {@code text} and its buffer let go. */
  record Packet(MqttMessage message, String text) {
    io.netty.handler.codec.mqtt.MqttMessageType type() {
      return message.fixedHeader().messageType();
    }
  }

  /** The next packet from the server, or {@code null} if none came within {@code wait} or it closed. */
  Packet next(Duration wait) throws IOException {
    long deadline = System.nanoTime() + wait.toNanos();
    byte[] buf = new byte[8192];
    while (true) {
      Object m = codec.readInbound();
      if (m != null) {
        String text = ((MqttMessage) m).payload() instanceof ByteBuf b ? b.toString(StandardCharsets.UTF_8) : null;
        ReferenceCountUtil.release(m);
        return new Packet((MqttMessage) m, text);
      }
      if (System.nanoTime() > deadline) {
        return null;
      }
      try {
        int n = in.read(buf);
        if (n < 0) {
          return null;
        }
        codec.writeInbound(Unpooled.copiedBuffer(buf, 0, n));
      } catch (SocketTimeoutException e) {
        // look again until the deadline
      }
    }
  }

  /** The next packet, which must come within ten seconds. */
  Packet expect(io.netty.handler.codec.mqtt.MqttMessageType type) throws IOException {
    Packet p = next(Duration.ofSeconds(10));
    if (p == null || p.type() != type) {
      throw new AssertionError("expected " + type + ", got " + (p == null ? "nothing" : p.message()));
    }
    return p;
  }

  /** Whether the server closes the connection within {@code wait} (packets before it are skipped). */
  boolean closedWithin(Duration wait) throws IOException {
    long deadline = System.nanoTime() + wait.toNanos();
    byte[] buf = new byte[8192];
    while (System.nanoTime() < deadline) {
      try {
        if (in.read(buf) < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        // keep waiting
      } catch (IOException reset) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    socket.close();
    codec.finishAndReleaseAll();
  }
}
