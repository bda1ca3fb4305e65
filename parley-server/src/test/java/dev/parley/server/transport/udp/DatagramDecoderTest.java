package dev.parley.server.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** One datagram into a request or a refusal, without sockets. */
class DatagramDecoderTest {
  private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 40000);
  private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 7071);

  private final EmbeddedChannel channel = new EmbeddedChannel(new DatagramDecoder(new FrameCodec()));

  private Datagram decode(byte[] bytes) {
    DatagramPacket packet = new DatagramPacket(Unpooled.wrappedBuffer(bytes), SERVER, SENDER);
    channel.writeInbound(packet);
    if (bytes.length > 0) { // the empty buffer is never released
      assertThat(packet.refCnt()).as("the datagram is released").isZero();
    }
    Datagram d = channel.readInbound();
    assertThat(d.sender()).isEqualTo(SENDER);
    assertThat(d.size()).isEqualTo(bytes.length);
    return d;
  }

  private Datagram decode(String json) {
    return decode(json.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertRefused(Datagram d, ErrorCode code, String ref) {
    assertThat(d).isInstanceOf(Datagram.Refused.class);
    Datagram.Refused r = (Datagram.Refused) d;
    assertThat(r.code()).as("%s", r).isEqualTo(code);
    assertThat(r.ref()).isEqualTo(ref);
  }

  @Test
  void aSendOrADmWithItsTokenIsARequest() {
    assertThat(decode("{\"type\":\"send\",\"token\":\"t1\",\"room\":\"1001\",\"text\":\"hi\",\"ref\":\"u-1\"}"))
        .isEqualTo(new Datagram.Request(SENDER, 66, "t1", new ClientFrame.Send("1001", "hi", "u-1")));
    Datagram dm = decode("{\"type\":\"dm\",\"to\":\"bob\",\"text\":\"psst\"}");
    assertThat(dm).isInstanceOf(Datagram.Request.class);
    assertThat(((Datagram.Request) dm).token()).isNull(); // ScriptRequests answers auth_failed
    assertThat(((Datagram.Request) dm).frame()).isEqualTo(new ClientFrame.Dm("bob", "psst", null));
  }

  @Test
  void overTwelveHundredBytesIsTooLarge() {
    byte[] big = new byte[DatagramDecoder.MAX_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    assertRefused(decode(big), ErrorCode.TOO_LARGE, null);
    byte[] exact = new byte[DatagramDecoder.MAX_BYTES];
    java.util.Arrays.fill(exact, (byte) ' ');
    assertRefused(decode(exact), ErrorCode.BAD_REQUEST, null); // decoded, and only blank
  }

  @Test
  void bytesThatAreNotOneJsonObjectAreBadRequest() {
    assertRefused(decode("abc"), ErrorCode.BAD_REQUEST, null);
    assertRefused(decode(new byte[0]), ErrorCode.BAD_REQUEST, null);
    assertRefused(decode(new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}), ErrorCode.BAD_REQUEST, null);
    assertRefused(decode("[{\"type\":\"send\"}]"), ErrorCode.BAD_REQUEST, null);
    assertRefused(decode("{\"type\":\"send\",\"room\":\"a\",\"text\":\"b\"} {}"), ErrorCode.BAD_REQUEST, null);
  }

  @Test
  void otherTypesAndBadFieldsKeepTheProtocolsCodesAndTheRef() {
    assertRefused(decode("{\"type\":\"join\",\"token\":\"t\",\"room\":\"1001\",\"ref\":\"j\"}"), ErrorCode.BAD_REQUEST, "j");
    assertRefused(decode("{\"type\":\"shout\",\"ref\":\"s\"}"), ErrorCode.UNKNOWN_TYPE, "s");
    assertRefused(decode("{\"type\":\"send\",\"room\":\"no room\",\"text\":\"x\",\"ref\":\"n\"}"), ErrorCode.INVALID_NAME, "n");
    assertRefused(decode("{\"type\":\"send\",\"token\":7,\"room\":\"a\",\"text\":\"x\",\"ref\":\"t\"}"), ErrorCode.BAD_REQUEST, "t");
    assertRefused(decode("{\"type\":\"send\",\"token\":null,\"room\":\"a\",\"text\":\"x\"}"), ErrorCode.BAD_REQUEST, null);
  }
}
