package dev.parley.server.transport.http.api;

import dev.parley.protocol.EncodedFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.session.ScriptAnswer;
import dev.parley.server.transport.http.HttpResponses;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.function.Consumer;

/**
 * Writes the API's answers: the JSON of an answer frame, and for an error its HTTP status (the
 * contract's: 401, 403, 400, 413, 429; and ours for the rest), never cached.
 */
final class ApiAnswers {
  private ApiAnswers() {}

  static void answer(ChannelHandlerContext ctx, boolean keepAlive, ScriptAnswer answer) {
    if (answer.succeeded()) {
      write(ctx, keepAlive, HttpResponseStatus.OK, answer.frame(), h -> {});
    } else {
      error(ctx, keepAlive, answer.error(), answer.frame());
    }
  }

  static void error(ChannelHandlerContext ctx, boolean keepAlive, FrameCodec codec, ErrorCode code, String message) {
    error(ctx, keepAlive, code, codec.encode(new ServerFrame.Error(code, message, null)));
  }

  /** An error that is about the URL or the method, not a frame: the status says which. */
  static void error(
      ChannelHandlerContext ctx, boolean keepAlive, FrameCodec codec, HttpResponseStatus status, String message,
      Consumer<HttpHeaders> extra) {
    write(ctx, keepAlive, status, codec.encode(new ServerFrame.Error(ErrorCode.BAD_REQUEST, message, null)), extra);
  }

  private static void error(ChannelHandlerContext ctx, boolean keepAlive, ErrorCode code, EncodedFrame frame) {
    write(ctx, keepAlive, status(code), frame, h -> {
      if (code == ErrorCode.AUTH_FAILED) {
        h.set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
      } else if (code == ErrorCode.RATE_LIMITED) {
        h.set(HttpHeaderNames.RETRY_AFTER, "1");
      } else if (code == ErrorCode.INTERNAL) {
        h.set(HttpHeaderNames.RETRY_AFTER, "1");
      }
    });
  }

  static HttpResponseStatus status(ErrorCode code) {
    return switch (code) {
      case AUTH_FAILED -> HttpResponseStatus.UNAUTHORIZED;
      case FORBIDDEN -> HttpResponseStatus.FORBIDDEN;
      case TOO_LARGE -> HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
      case RATE_LIMITED -> HttpResponseStatus.TOO_MANY_REQUESTS;
      case NO_SUCH_USER -> HttpResponseStatus.NOT_FOUND;
      // The store or a room could not be reached: worth retrying, unlike a fault of the request.
      case INTERNAL -> HttpResponseStatus.SERVICE_UNAVAILABLE;
      default -> HttpResponseStatus.BAD_REQUEST;
    };
  }

  private static void write(
      ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, EncodedFrame frame,
      Consumer<HttpHeaders> extra) {
    HttpResponses.send(ctx, keepAlive, status, HttpResponses.JSON,
        Unpooled.wrappedBuffer(frame.line(), 0, frame.jsonLength()), h -> {
          h.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
          extra.accept(h);
        });
  }
}
