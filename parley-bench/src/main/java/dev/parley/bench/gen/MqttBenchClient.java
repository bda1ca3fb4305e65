package dev.parley.bench.gen;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * The MQTT adapter, the project's only MQTT code: a room is a topic, joining is subscribing
 * with QoS 0, a message is a QoS 0 publish to the topic. MQTT 3.1.1 delivers a publish to its
 * own subscribed sender too, as Parley and the floor do.
 */
final class MqttBenchClient extends BenchClient {
  private final String clientId;

  MqttBenchClient(String room, Events events, String clientId) {
    super(room, events, false);
    this.clientId = clientId;
  }

  @Override
  protected void linkUp() {
    channel.writeAndFlush(
        MqttMessageBuilders.connect()
            .clientId(clientId)
            .protocolVersion(MqttVersion.MQTT_3_1_1)
            .cleanSession(true)
            .keepAlive(0) // no keep-alive: the bench holds connections without pinging
            .build());
  }

  @Override
  public void publish(String text) {
    // The builder copies the payload into a buffer of its own, so an unpooled wrapper suffices.
    ByteBuf payload = Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.US_ASCII));
    channel.write(
        MqttMessageBuilders.publish()
            .topicName(room)
            .qos(MqttQoS.AT_MOST_ONCE)
            .retained(false)
            .payload(payload)
            .build());
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof MqttPublishMessage publish) {
        frame(publish.payload());
      } else if (msg instanceof MqttConnAckMessage ack) {
        if (ack.variableHeader().connectReturnCode() != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
          fail("connack " + ack.variableHeader().connectReturnCode());
          return;
        }
        channel.writeAndFlush(
            MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_MOST_ONCE, room).build());
      } else if (msg instanceof MqttSubAckMessage) {
        markReady();
      } else if (msg instanceof MqttMessage m && m.decoderResult().isFailure()) {
        fail("undecodable MQTT packet");
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  protected void frame(ByteBuf payload) {
    Stamp.read(payload, payload.readerIndex(), events::delivered);
  }
}
