package dev.parley.client.transport;

import dev.parley.protocol.ClientFrame;

/**
 * One connection to a server, from dialling to closing. Created by {@link Connector#newLink}
 * and opened with {@link #open}; it is never reused. Call its methods on its event loop.
 */
public interface Link {

  /** Starts connecting; {@link LinkEvents#opened} or {@link LinkEvents#closed} follows. */
  void open();

  /** Writes one frame and flushes it; a no-op once the link is closed. */
  void send(ClientFrame frame);

  /** Closes the connection; {@link LinkEvents#closed} follows once. */
  void close();

  /** Stops or resumes reading from the socket, to hold back a server faster than the app. */
  void setReading(boolean reading);
}
