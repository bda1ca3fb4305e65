package dev.parley.client;

/** Where a client's connection stands; reported to {@link ClientListener#stateChanged}. */
public enum ConnectionState {
  /** Dialling, logging in, or rejoining after a reconnect. */
  CONNECTING,
  /** Logged in; rooms rejoined and unacknowledged sends resent. */
  CONNECTED,
  /** Not connected; waiting to try again (or not started yet). */
  DISCONNECTED,
  /** Closed by the application, or given up for a reason retrying cannot fix. */
  CLOSED
}
