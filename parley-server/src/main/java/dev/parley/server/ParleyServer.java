package dev.parley.server;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A running Parley server. {@link #start} binds every listener before it returns; {@link
 * #close} says {@code bye shutdown} to every client, flushes the store and releases everything.
 */
public final class ParleyServer implements AutoCloseable {

  private ParleyServer() {}

  /**
   * Starts a server.
   *
   * @throws ConfigException when a port is in use or the data directory cannot be used
   */
  public static ParleyServer start(ServerConfig config) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** The bound TCP address (the real port when the config asked for port 0). */
  public InetSocketAddress tcpAddress() {
    throw new UnsupportedOperationException("not built yet");
  }

  /** The bound HTTP address, or empty while there is no HTTP listener. */
  public Optional<InetSocketAddress> httpAddress() {
    return Optional.empty();
  }

  @Override
  public void close() {}
}
