package dev.parley.server.transport.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.Queue;

/**
 * Netty's request decoder, read the way RFC 9112 asks of a server that must not be fooled into
 * reading one request as two: a request with both {@code Content-Length} and {@code
 * Transfer-Encoding}, a {@code Transfer-Encoding} other than exactly one {@code chunked}, or a
 * {@code Transfer-Encoding} in HTTP/1.0 is marked failed (the router answers {@code 400} and
 * closes), and nothing after it on the connection is decoded. It also times each request
 * against its {@link RequestDeadline} and notes each request's method for the response
 * encoder (an answer to {@code HEAD} has no body). One per connection, until the upgrade.
 */
final class StrictRequestDecoder extends HttpRequestDecoder {
  private final RequestDeadline deadline;
  private final Queue<HttpMethod> methods;
  /** After a refused request: every later byte is dropped. On the event loop. */
  private boolean refused;

  StrictRequestDecoder(RequestDeadline deadline, Queue<HttpMethod> methods) {
    this.deadline = deadline;
    this.methods = methods;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
    if (refused) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.isReadable()) {
      deadline.started(ctx);
    }
    int from = out.size();
    super.decode(ctx, in, out);
    for (int i = from; i < out.size(); i++) {
      Object part = out.get(i);
      if (part instanceof HttpRequest request) {
        methods.add(request.method());
        if (refuse(request)) {
          dropAfter(i, out);
          in.skipBytes(in.readableBytes());
          deadline.finished();
          return;
        }
      }
      if (part instanceof LastHttpContent) {
        deadline.finished();
      }
    }
  }

  private boolean refuse(HttpRequest request) {
    String problem = request.decoderResult().isSuccess() ? framingProblem(request) : "malformed";
    if (problem == null) {
      return false;
    }
    if (request.decoderResult().isSuccess()) {
      request.setDecoderResult(DecoderResult.failure(new IllegalArgumentException(problem)));
    }
    refused = true;
    return true;
  }

  private static void dropAfter(int index, List<Object> out) {
    while (out.size() > index + 1) {
      ReferenceCountUtil.release(out.remove(out.size() - 1));
    }
  }

  /** Why this request's length could be read more than one way, or {@code null}. */
  static String framingProblem(HttpRequest request) {
    HttpHeaders headers = request.headers();
    List<String> codings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
    if (codings.isEmpty()) {
      return null;
    }
    if (!request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
      return "Transfer-Encoding in an HTTP/1.0 request";
    }
    if (codings.size() != 1 || !codings.get(0).trim().equalsIgnoreCase("chunked")) {
      return "a Transfer-Encoding other than chunked";
    }
    if (headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
      return "both Content-Length and Transfer-Encoding";
    }
    return null;
  }

  /** Netty would drop the Content-Length and go on; this is a request to refuse instead. */
  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    throw new IllegalArgumentException("both Content-Length and Transfer-Encoding");
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {
    deadline.finished(); // the upgrade replaced this decoder, or the connection ended
    super.handlerRemoved0(ctx);
  }
}
