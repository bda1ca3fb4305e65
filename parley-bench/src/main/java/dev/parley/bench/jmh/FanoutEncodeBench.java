package dev.parley.bench.jmh;

import dev.parley.protocol.EncodedFrame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ServerFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Preparing one room message for every member: encoded once and the same bytes wrapped per
 * recipient (what the server does), against encoded anew for each recipient.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FanoutEncodeBench {
  @Param({"100", "1000"})
  int members;

  private final FrameCodec codec = new FrameCodec();
  private final ServerFrame.Msg msg =
      new ServerFrame.Msg("lobby", 4242, "alice", "hello everyone, how is it going?", 1732345678901L);

  @Benchmark
  public void encodeOnce(Blackhole out) {
    EncodedFrame frame = codec.encode(msg);
    for (int i = 0; i < members; i++) {
      ByteBuf bytes = Unpooled.wrappedBuffer(frame.line());
      out.consume(bytes);
    }
  }

  @Benchmark
  public void encodePerMember(Blackhole out) {
    for (int i = 0; i < members; i++) {
      ByteBuf bytes = Unpooled.wrappedBuffer(codec.encode(msg).line());
      out.consume(bytes);
    }
  }
}
