package dev.parley.protocol;

/**
 * A server frame serialised once: JSON followed by {@code '\n'}. Shared by every recipient of
 * a fan-out, so the bytes are never modified after construction.
 */
public final class EncodedFrame {
  private final byte[] line;

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

  @Override
  public String toString() {
    return new String(line, 0, jsonLength(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
