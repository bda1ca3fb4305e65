package dev.parley.protocol;

/**
 * A server frame serialised once: JSON followed by {@code '\n'}. Shared by every recipient of
 * a fan-out, so the bytes are never modified after construction.
 */
public final class EncodedFrame {
  private static final ServerFrameDecoder READER = new ServerFrameDecoder();

  private final byte[] line;
  /**
   * The frame read back from {@link #line}, kept once read. Written without a lock: any thread
   * that reads it computes an equal, immutable frame, so a race costs only a second parse.
   */
  private ServerFrame readBack;

  EncodedFrame(byte[] line) {
    this.line = line;
  }

  /** The JSON and its trailing newline. Callers must not modify the array. */
  public byte[] line() {
    return line;
  }

  /** The number of bytes of JSON, without the trailing newline. */
  public int jsonLength() {
    return line.length - 1;
  }

  /**
   * The frame these bytes hold, for transports that speak another protocol (the MQTT and IRC
   * gateways): read back on first use and kept, so a fan-out to many such connections parses a
   * message once rather than once per recipient. Empty for bytes that are not a whole frame
   * (an HTTP API answer's fields).
   */
  public java.util.Optional<ServerFrame> frame() {
    ServerFrame frame = readBack;
    if (frame == null && READER.decode(line, 0, jsonLength()) instanceof ServerDecoded.Frame f) {
      frame = f.frame();
      readBack = frame;
    }
    return java.util.Optional.ofNullable(frame);
  }

  @Override
  public String toString() {
    return new String(line, 0, jsonLength(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
