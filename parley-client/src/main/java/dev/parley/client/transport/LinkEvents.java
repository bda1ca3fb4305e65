package dev.parley.client.transport;

import dev.parley.protocol.ServerFrame;

/** What happens on a {@link Link}, reported on the link's event loop, in order. */
public interface LinkEvents {

  /** The link is ready for frames (after the TLS and WebSocket handshakes, if any). */
  void opened(Link link);

  void received(Link link, ServerFrame frame);

  /**
   * The link is gone, or could not be opened; called exactly once per link.
   *
   * @param cause why, or {@code null} when the connection simply ended
   */
  void closed(Link link, Throwable cause);
}
