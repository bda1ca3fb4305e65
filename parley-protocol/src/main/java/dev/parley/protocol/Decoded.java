package dev.parley.protocol;

/** What decoding one client frame gives: the frame, or the error to answer it with. */
public sealed interface Decoded {

  record Frame(ClientFrame frame) implements Decoded {}

  /** {@code ref} is the frame's own ref when it could be read, so the error can carry it. */
  record Rejected(ErrorCode code, String message, String ref) implements Decoded {
    public ServerFrame.Error toError() {
      return new ServerFrame.Error(code, message, ref);
    }
  }
}
