package dev.parley.server.transport.udp;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import java.net.InetSocketAddress;

/**
 * What one datagram came to once decoded: a request to hand on, or a refusal to answer. Both
 * keep the sender and the datagram's size, which bounds the size of the answer.
 */
sealed interface Datagram {
  InetSocketAddress sender();

  /** The bytes the datagram carried: no answer to it may be larger. */
  int size();

  /**
   * A {@code send} or {@code dm} whose frame passed the protocol's rules.
   *
   * @param token the {@code token} field, or {@code null} when the datagram had none
   */
  record Request(InetSocketAddress sender, int size, String token, ClientFrame frame) implements Datagram {}

  /** A datagram refused before any token was looked at. */
  record Refused(InetSocketAddress sender, int size, ErrorCode code, String message, String ref) implements Datagram {}
}
