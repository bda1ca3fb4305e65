package dev.parley.bench.gen;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StampTest {

  @Test
  void aStampInsideAParleyMsgIsReadBack() {
    ByteBuf msg = buf("{\"type\":\"msg\",\"room\":\"r\",\"id\":3,\"from\":\"bench\",\"text\":\""
        + Stamp.text(7, -123456789L) + "\",\"ts\":1}");
    List<Long> read = new ArrayList<>();
    boolean found = Stamp.read(msg, Stamp.after(msg, "\"text\":\"".getBytes(StandardCharsets.US_ASCII)),
        (step, nanos) -> {
          read.add((long) step);
          read.add(nanos);
        });
    assertThat(found).isTrue();
    assertThat(read).containsExactly(7L, -123456789L);
    msg.release();
  }

  @Test
  void textWithoutAStampIsNotCounted() {
    ByteBuf line = buf("lobby");
    assertThat(Stamp.read(line, 0, (step, nanos) -> {})).isFalse();
    assertThat(Stamp.after(line, "\"text\":\"".getBytes(StandardCharsets.US_ASCII))).isEqualTo(-1);
    line.release();
  }

  private static ByteBuf buf(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
  }
}
