package dev.parley.server.transport.udp;

import dev.parley.protocol.EncodedFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.metrics.ServerMetrics;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends an answer as one datagram to the address a datagram came from, unless its JSON is larger
 * than that datagram was: then it is withheld (and counted), so the port can never send more
 * bytes towards an address than it received from it, spoofed or not. Thread-safe: answers come
 * from the auth pool, the room lanes and the event loop; a channel's write is safe from any.
 */
final class DatagramAnswers {
  private final FrameCodec codec;
  private final ServerMetrics metrics;
  private final AtomicLong withheld = new AtomicLong();

  DatagramAnswers(FrameCodec codec, ServerMetrics metrics) {
    this.codec = codec;
    this.metrics = metrics;
  }

  /** Sends {@code frame} (its JSON, without the line's newline) if it fits in {@code limit} bytes. */
  boolean send(Channel channel, InetSocketAddress to, int limit, EncodedFrame frame) {
    int length = frame.jsonLength();
    if (length > limit) {
      withheld.incrementAndGet();
      return false;
    }
    channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(frame.line(), 0, length), to), channel.voidPromise());
    return true;
  }

  /** Sends an {@code error} frame, if it fits; counted as sent only if it went. */
  void error(Channel channel, InetSocketAddress to, int limit, ErrorCode code, String message, String ref) {
    if (send(channel, to, limit, codec.encode(new ServerFrame.Error(code, message, ref)))) {
      metrics.errorSent(code);
    }
  }

  /** Answers not sent because they were larger than the datagram they answered. */
  long withheld() {
    return withheld.get();
  }
}
