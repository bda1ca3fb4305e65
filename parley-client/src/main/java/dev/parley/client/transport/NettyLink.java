package dev.parley.client.transport;

import dev.parley.protocol.ClientFrame;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

/**
 * A {@link Link} over one Netty channel. It reports {@link LinkEvents#closed} from the channel's
 * close future, so a connect that fails and a connection that ends are told the same way, once.
 * Only touched on its event loop.
 */
final class NettyLink implements Link {
  private final LinkEvents events;
  private Bootstrap bootstrap;
  private Dial dial;
  private Channel channel;
  /** The first failure seen on this link, reported with {@link LinkEvents#closed}. */
  private Throwable failure;
  private boolean opened;
  private boolean closeRequested;

  NettyLink(LinkEvents events) {
    this.events = events;
  }

  void bootstrap(Bootstrap bootstrap, Dial dial) {
    this.bootstrap = bootstrap;
    this.dial = dial;
  }

  @Override
  public void open() {
    ChannelFuture connect = bootstrap.connect(dial.host(), dial.port());
    channel = connect.channel();
    connect.addListener(f -> {
      if (!f.isSuccess()) {
        failed(f.cause());
      }
    });
    channel.closeFuture().addListener(f -> events.closed(this, failure));
    if (closeRequested) {
      channel.close();
    }
  }

  /** Called by the pipeline once the link can carry frames. */
  void ready() {
    if (!opened && channel.isActive()) {
      opened = true;
      events.opened(this);
    }
  }

  void received(dev.parley.protocol.ServerFrame frame) {
    events.received(this, frame);
  }

  /** Remembers the first failure and closes the channel. */
  void failed(Throwable cause) {
    if (failure == null) {
      failure = cause;
    }
    if (channel != null) {
      channel.close();
    }
  }

  @Override
  public void send(ClientFrame frame) {
    if (channel != null && channel.isActive()) {
      channel.writeAndFlush(frame).addListener(f -> {
        if (!f.isSuccess()) {
          failed(f.cause());
        }
      });
    }
  }

  @Override
  public void close() {
    closeRequested = true;
    if (channel != null) {
      channel.close();
    }
  }

  @Override
  public void setReading(boolean reading) {
    if (channel != null) {
      channel.config().setAutoRead(reading);
    }
  }

  @Override
  public String toString() {
    return "link to " + dial;
  }
}
