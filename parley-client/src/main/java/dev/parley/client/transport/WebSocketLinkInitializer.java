package dev.parley.client.transport;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;

/**
 * The WebSocket pipeline, top to bottom: TLS (optional), HTTP for the upgrade, Netty's
 * WebSocket client (which answers the server's control pings), whole text frames, JSON, the
 * link. The link is ready once the upgrade is done.
 */
final class WebSocketLinkInitializer extends ChannelInitializer<SocketChannel> {
  private static final int MAX_UPGRADE_RESPONSE = 8192;

  private final Dial dial;
  private final SslContext tls;
  private final NettyLink link;

  WebSocketLinkInitializer(Dial dial, SslContext tls, NettyLink link) {
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
    p.addLast("http", new HttpClientCodec());
    p.addLast("httpAggregator", new HttpObjectAggregator(MAX_UPGRADE_RESPONSE));
    var config =
        WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(dial.webSocket())
            .version(WebSocketVersion.V13)
            .maxFramePayloadLength(dial.maxFrameBytes())
            .handshakeTimeoutMillis(dial.connectTimeout().toMillis())
            // A program, not a page: no Origin, which the server reserves for browsers' checks.
            .generateOriginHeader(false)
            .customHeaders(new DefaultHttpHeaders())
            .build();
    p.addLast("webSocket", new WebSocketClientProtocolHandler(config));
    p.addLast("frameAggregator", new WebSocketFrameAggregator(dial.maxFrameBytes()));
    p.addLast("jsonCodec", new WebSocketJsonCodec());
    p.addLast("link", new LinkHandler(link, LinkHandler.Ready.WEBSOCKET_HANDSHAKE));
  }
}
