package dev.parley.server.session;

import dev.parley.protocol.EncodedFrame;
import dev.parley.protocol.ErrorCode;

/**
 * The one answer to a request with a token and no connection: the encoded {@code ack} (or page
 * of messages), or an {@code error} frame and its code, which the transport turns into its own
 * terms (an HTTP status, a datagram).
 *
 * @param error {@code null} when the request succeeded
 */
public record ScriptAnswer(EncodedFrame frame, ErrorCode error) {

  public boolean succeeded() {
    return error == null;
  }
}
