package dev.parley.client;

import dev.parley.protocol.ErrorCode;

/**
 * Why a request failed: the server's error (with its {@link ErrorCode}), or the client's own
 * reason (closed, could not log in again) with no code.
 */
public final class ParleyException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient ErrorCode code;

  public ParleyException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public ParleyException(String message, Throwable cause) {
    super(message, cause);
    this.code = null;
  }

  /** The server's error code, or {@code null} when the client itself gave up. */
  public ErrorCode code() {
    return code;
  }

  static ParleyException closed() {
    return new ParleyException(null, "the client is closed");
  }

  @Override
  public String getMessage() {
    return code == null ? super.getMessage() : code.wireName() + ": " + super.getMessage();
  }
}
