package dev.parley.server.metrics;

import dev.parley.protocol.ByeReason;
import dev.parley.protocol.ErrorCode;

/**
 * The events the server counts. Every method is thread-safe and cheap enough for the fan-out
 * path. {@link #NONE} counts nothing, for unit tests of single classes.
 */
public interface ServerMetrics {

  void connectionOpened(String transport);

  void connectionClosed(String transport);

  /** A message was stored (not a duplicate). */
  void messageStored();

  /** A message went out to {@code recipients} connections. */
  void messagesDelivered(int recipients);

  /** A group commit of {@code messages} took {@code nanos}. */
  void commitTook(long nanos, int messages);

  void errorSent(ErrorCode code);

  /** The server said {@code bye} with this reason and closed the connection. */
  void byeSent(ByeReason reason);

  /**
   * A client broke its transport's protocol ({@code kind}, such as {@code protocol_error} or
   * {@code tls}) on {@code transport} ({@code tcp}, {@code http}, {@code websocket}) and was
   * closed. Kinds are a small fixed set, never client text.
   */
  void protocolViolation(String transport, String kind);

  /**
   * A request with a token and no connection ({@code transport} {@code http} for the HTTP API,
   * {@code udp}) was answered with {@code code}'s error, or ({@code null}) it succeeded.
   */
  void scriptRequest(String transport, ErrorCode code);

  ServerMetrics NONE =
      new ServerMetrics() {
        public void connectionOpened(String transport) {}

        public void connectionClosed(String transport) {}

        public void messageStored() {}

        public void messagesDelivered(int recipients) {}

        public void commitTook(long nanos, int messages) {}

        public void errorSent(ErrorCode code) {}

        public void byeSent(ByeReason reason) {}

        public void protocolViolation(String transport, String kind) {}

        public void scriptRequest(String transport, ErrorCode code) {}
      };
}
