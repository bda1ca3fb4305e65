package dev.parley.client.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Makes {@link Link}s to one server, on one event loop. The TLS context is built once, here, so
 * an unreadable trusted certificate is reported when the client is created rather than at the
 * first connect.
 */
public final class Connector {
  private final EventLoop loop;
  private final Dial dial;
  private final SslContext tls;

  /**
   * @param loop an event loop from {@link LoopGroup#next}
   * @throws IllegalArgumentException when the trusted certificate cannot be read
   */
  public Connector(ScheduledExecutorService loop, Dial dial) {
    if (!(loop instanceof EventLoop eventLoop)) {
      throw new IllegalArgumentException("the loop must come from LoopGroup.next()");
    }
    this.loop = eventLoop;
    this.dial = dial;
    this.tls = dial.tls() ? ClientTls.context(dial.trustedCertificate()) : null;
  }

  /** A new link, not yet connecting: call {@link Link#open}. */
  public Link newLink(LinkEvents events) {
    NettyLink link = new NettyLink(events);
    Bootstrap bootstrap =
        new Bootstrap()
            .group(loop)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) dial.connectTimeout().toMillis())
            .handler(
                dial.webSocket() == null
                    ? new TcpLinkInitializer(dial, tls, link)
                    : new WebSocketLinkInitializer(dial, tls, link));
    link.bootstrap(bootstrap, dial);
    return link;
  }
}
