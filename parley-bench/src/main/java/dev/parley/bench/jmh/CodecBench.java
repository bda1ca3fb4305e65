package dev.parley.bench.jmh;

import dev.parley.protocol.Decoded;
import dev.parley.protocol.EncodedFrame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ServerFrame;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The JSON codec: decoding a client's {@code send}, encoding the {@code msg} a room fans out. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBench {
  private final FrameCodec codec = new FrameCodec();
  private final byte[] send =
      "{\"type\":\"send\",\"room\":\"lobby\",\"text\":\"hello everyone, how is it going?\",\"ref\":\"c-17\"}"
          .getBytes(StandardCharsets.UTF_8);
  private final ServerFrame.Msg msg =
      new ServerFrame.Msg("lobby", 4242, "alice", "hello everyone, how is it going?", 1732345678901L);

  @Benchmark
  public Decoded decodeSend() {
    return codec.decode(send);
  }

  @Benchmark
  public EncodedFrame encodeMsg() {
    return codec.encode(msg);
  }
}
