package dev.parley.client.transport;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;

/** The JSON-lines pipeline, top to bottom: TLS (optional), lines, JSON, the link. */
final class TcpLinkInitializer extends ChannelInitializer<SocketChannel> {
  private final Dial dial;
  private final SslContext tls;
  private final NettyLink link;

  TcpLinkInitializer(Dial dial, SslContext tls, NettyLink link) {
    this.dial = dial;
    this.tls = tls;
    this.link = link;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ChannelPipeline p = ch.pipeline();
    if (tls != null) {
      p.addLast("tls", tls.newHandler(ch.alloc(), dial.host(), dial.port()));
    }
    p.addLast("lineFramer", new LineBasedFrameDecoder(dial.maxFrameBytes(), true, true));
    p.addLast("jsonLineCodec", new JsonLineCodec());
    p.addLast("link", new LinkHandler(link, tls != null ? LinkHandler.Ready.TLS_HANDSHAKE : LinkHandler.Ready.CONNECTED));
  }
}
