package dev.parley.server.transport;

import dev.parley.protocol.EncodedFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.function.Function;

/**
 * Turns an encoded frame into the bytes a connection writes, copied into off-heap memory once
 * per connection thread instead of once per connection. A socket is written from off-heap
 * memory, so every write of a heap buffer is preceded by a copy; a fan-out runs on each
 * connection thread for all of that thread's members in turn (the room's {@code FanOut}), so
 * the thread keeps the last frame's off-heap copy and hands each member a duplicate of it.
 *
 * <p>Off a connection thread (an ack from a room's lane) the frame's own array is wrapped, and
 * the connection's thread makes its one copy when it writes.
 */
public final class SharedFrameBytes implements Function<EncodedFrame, Object> {
  /** Writes a frame's bytes as the transport sends them into {@code out}. */
  @FunctionalInterface
  public interface Encoding {
    ByteBuf write(EncodedFrame frame, ByteBuf out);
  }

  private final Function<EncodedFrame, Object> offThread;
  private final Encoding encoding;
  private final int extraBytes;
  private final ByteBufAllocator allocator;
  private final FastThreadLocal<Last> last =
      new FastThreadLocal<>() {
        @Override
        protected Last initialValue() {
          return new Last();
        }

        @Override
        protected void onRemoval(Last value) {
          value.forget();
        }
      };

  /**
   * @param offThread what to write when not on a connection thread (the transport's encoder
   *     may still have to frame it)
   * @param encoding how the bytes are laid out
   * @param extraBytes the most bytes {@code encoding} adds to the frame's line
   */
  public SharedFrameBytes(Function<EncodedFrame, Object> offThread, Encoding encoding, int extraBytes) {
    this(offThread, encoding, extraBytes, ByteBufAllocator.DEFAULT);
  }

  SharedFrameBytes(
      Function<EncodedFrame, Object> offThread, Encoding encoding, int extraBytes, ByteBufAllocator allocator) {
    this.offThread = offThread;
    this.encoding = encoding;
    this.extraBytes = extraBytes;
    this.allocator = allocator;
  }

  /** TCP: the JSON line, newline included. */
  public static SharedFrameBytes lines() {
    return lines(ByteBufAllocator.DEFAULT);
  }

  static SharedFrameBytes lines(ByteBufAllocator allocator) {
    return new SharedFrameBytes(
        f -> Unpooled.wrappedBuffer(f.line()), (f, out) -> out.writeBytes(f.line()), 0, allocator);
  }

  @Override
  public Object apply(EncodedFrame frame) {
    if (!(Thread.currentThread() instanceof FastThreadLocalThread)) {
      return offThread.apply(frame);
    }
    Last l = last.get();
    if (l.frame != frame) {
      l.forget();
      l.bytes = encoding.write(frame, allocator.directBuffer(frame.line().length + extraBytes));
      l.frame = frame;
    }
    return l.bytes.retainedDuplicate();
  }

  /** The last frame this thread copied, with the one reference that keeps the copy. */
  private static final class Last {
    EncodedFrame frame;
    ByteBuf bytes;

    void forget() {
      if (bytes != null) {
        bytes.release();
      }
      bytes = null;
      frame = null;
    }
  }
}
