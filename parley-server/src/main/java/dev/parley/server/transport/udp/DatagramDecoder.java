package dev.parley.server.transport.udp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.Decoded;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * One datagram into a {@link Datagram}: a {@code send} or {@code dm} frame and its token, or a
 * refusal. A datagram over {@value #MAX_BYTES} bytes is {@code too_large}; bytes that are not one
 * JSON object, or a frame the protocol refuses, get the protocol's answer; a frame of another
 * known type is {@code bad_request} (UDP takes sends only); a {@code token} that is not a string
 * is {@code bad_request}. Stateless, so shared by the one datagram channel.
 */
@ChannelHandler.Sharable
final class DatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {
  /** The contract's limit: a datagram this size passes unfragmented on nearly any path. */
  static final int MAX_BYTES = 1200;

  private final FrameCodec codec;

  DatagramDecoder(FrameCodec codec) {
    this.codec = codec;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
    out.add(decode(packet));
  }

  Datagram decode(DatagramPacket packet) {
    ByteBuf content = packet.content();
    int size = content.readableBytes();
    var sender = packet.sender();
    if (size > MAX_BYTES) {
      return new Datagram.Refused(sender, size, ErrorCode.TOO_LARGE, "a datagram holds at most " + MAX_BYTES + " bytes", null);
    }
    byte[] bytes = ByteBufUtil.getBytes(content);
    ObjectNode object = codec.parseObject(bytes, 0, size);
    if (object == null) { // the codec says what is wrong with the bytes
      return codec.decode(bytes, 0, size) instanceof Decoded.Rejected rejected
          ? new Datagram.Refused(sender, size, rejected.code(), rejected.message(), rejected.ref())
          : new Datagram.Refused(sender, size, ErrorCode.BAD_REQUEST, "a frame must be a JSON object", null);
    }
    Decoded decoded = codec.decode(object);
    if (decoded instanceof Decoded.Rejected rejected) {
      return new Datagram.Refused(sender, size, rejected.code(), rejected.message(), rejected.ref());
    }
    ClientFrame frame = ((Decoded.Frame) decoded).frame();
    if (!(frame instanceof ClientFrame.Send || frame instanceof ClientFrame.Dm)) {
      return new Datagram.Refused(sender, size, ErrorCode.BAD_REQUEST, "UDP takes send and dm only", frame.ref());
    }
    JsonNode token = object.get("token");
    if (token != null && !token.isTextual()) {
      return new Datagram.Refused(sender, size, ErrorCode.BAD_REQUEST, "token must be a string", frame.ref());
    }
    return new Datagram.Request(sender, size, token == null ? null : token.textValue(), frame);
  }
}
