package dev.parley.server.transport;

import dev.parley.server.session.AddressLimit;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/**
 * Counts every accepted TCP and HTTP connection against its remote address's limit, from
 * accept to close, so that no kind of connection (a raw HTTP socket that never sends a request
 * included) escapes {@code --max-connections-per-address}. A WebSocket is its HTTP connection,
 * counted once. Thread-safe.
 */
public final class AddressAdmission {
  private final AddressLimit limit;
  /**
   * One listener for every connection, which finds the address again when it closes (the
   * channel keeps its remote address once asked): nothing per connection to hold it.
   */
  private final ChannelFutureListener release;

  public AddressAdmission(AddressLimit limit) {
    this.limit = limit;
    this.release = closed -> limit.closed(ChannelOutbound.hostOf(closed.channel().remoteAddress()));
  }

  /**
   * Counts {@code channel} and releases the count when it closes; {@code false}, uncounted,
   * when its address already holds its maximum. The caller answers that in its protocol.
   */
  public boolean admit(Channel channel) {
    String host = ChannelOutbound.hostOf(channel.remoteAddress());
    if (!limit.tryOpen(host)) {
      return false;
    }
    channel.closeFuture().addListener(release);
    return true;
  }
}
