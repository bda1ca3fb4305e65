package dev.parley.testkit;

/**
 * One transport under a {@link WireClient}: it sends frames as that transport does and hands
 * every frame it receives, as JSON text, to the client's {@link Inbox}.
 */
interface Link {

  /** Where a link delivers what arrives. Called from the link's own reader thread. */
  interface Inbox {
    void received(String json);

    /** The server closed the connection (or the link failed). */
    void ended();
  }

  void send(String json);

  /** Sends several frames back to back, as one write or request where the transport can. */
  default void sendBurst(java.util.List<String> frames) {
    frames.forEach(this::send);
  }

  /** Sends bytes exactly as given; only the TCP link can. */
  default void sendRaw(byte[] bytes) {
    throw new UnsupportedOperationException("raw bytes are for the TCP transport only");
  }

  /** Stops taking frames off the transport, so the server's output backs up. */
  void pauseReading();

  void resumeReading();

  void close();
}
