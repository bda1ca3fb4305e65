package dev.parley.server.transport.http.poll;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Decoded;
import dev.parley.protocol.EncodedFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.session.CommandTable;
import dev.parley.server.session.Session;
import dev.parley.server.session.SessionServices;
import dev.parley.server.transport.ChannelOutbound;
import dev.parley.server.transport.http.HttpResponses;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /poll/open}, {@code /poll/send} and {@code /poll/recv}, as the contract's table says.
 * Frames from {@code send} go to the session in the order they appear, on the connection's
 * event loop; the HTTP answers are written on the request's channel.
 */
public final class PollHandler {
  private static final String BEARER = "Bearer ";
  /** How long {@code open} waits for the welcome (or error): logging in hashes a password. */
  private static final long OPEN_WAIT_MILLIS = 30_000;

  private final PollSessions sessions;
  private final SessionServices services;
  private final CommandTable commands;
  private final int maxFrameBytes;
  private final long maxPendingBytes;
  private final long waitMillis;

  public PollHandler(
      PollSessions sessions,
      SessionServices services,
      CommandTable commands,
      int maxFrameBytes,
      long maxPendingBytes,
      Duration wait) {
    this.sessions = sessions;
    this.services = services;
    this.commands = commands;
    this.maxFrameBytes = maxFrameBytes;
    this.maxPendingBytes = maxPendingBytes;
    this.waitMillis = wait.toMillis();
  }

  /** The largest request body: a {@code send} may carry many frames at once. */
  public static int maxBodyBytes(int maxFrameBytes) {
    return Math.max(16 * maxFrameBytes, 1024 * 1024);
  }

  public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path, boolean keepAlive) {
    HttpMethod method = request.method();
    switch (path) {
      case "/poll/open" -> {
        if (requireMethod(ctx, method, HttpMethod.POST, keepAlive) && requireJson(ctx, request, keepAlive)) {
          open(ctx, request, keepAlive);
        }
      }
      case "/poll/send" -> {
        if (requireMethod(ctx, method, HttpMethod.POST, keepAlive) && requireJson(ctx, request, keepAlive)) {
          send(ctx, request, keepAlive);
        }
      }
      case "/poll/recv" -> {
        if (requireMethod(ctx, method, HttpMethod.GET, keepAlive)) {
          recv(ctx, request, keepAlive);
        }
      }
      default -> HttpResponses.text(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "not found\n");
    }
  }

  private void open(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
    if (sessions.isShuttingDown()) {
      HttpResponses.text(ctx, false, HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting down\n");
      return;
    }
    Decoded first = decodeOne(request.content());
    PollConnection c =
        sessions.open(sid -> new PollConnection(
            sid, sessions.loops().next(), String.valueOf(ctx.channel().remoteAddress()),
            ChannelOutbound.hostOf(ctx.channel().remoteAddress()), maxPendingBytes, sessions));
    Session session = new Session(c, services, commands);
    c.attach(session);
    c.loop.execute(() -> {
      session.startCountingItself();
      session.received(first);
      c.await(frames -> HttpResponses.json(ctx, keepAlive, HttpResponseStatus.OK, opened(c.sid, frames)),
          OPEN_WAIT_MILLIS, true);
    });
  }

  private void send(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
    PollConnection c = connectionOf(ctx, request, keepAlive);
    if (c == null) {
      return;
    }
    ByteBuf body = request.content();
    byte[] bytes = ByteBufUtil.getBytes(body);
    JsonNode array = services.codec().parseArray(bytes, 0, bytes.length);
    List<JsonNode> frames = new ArrayList<>();
    if (array != null) {
      array.forEach(frames::add);
    }
    c.loop.execute(() -> {
      if (array == null) {
        // Like a malformed line on TCP: one bad frame, answered in-band and counted.
        c.session().received(new Decoded.Rejected(
            ErrorCode.BAD_REQUEST, "the body must be a JSON array of frames", null));
        return;
      }
      for (JsonNode node : frames) {
        if (services.codec().sizeOf(node) > maxFrameBytes) {
          var tooLarge = new ServerFrame.Error(ErrorCode.TOO_LARGE, "frame is larger than the limit", null);
          c.session().closeAfterBacklog(services.codec().encode(tooLarge));
          return;
        }
        c.session().received(services.codec().decode(node));
      }
    });
    HttpResponses.empty(ctx, keepAlive, HttpResponseStatus.NO_CONTENT);
  }

  private void recv(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
    PollConnection c = connectionOf(ctx, request, keepAlive);
    if (c != null) {
      c.loop.execute(() -> c.await(
          frames -> HttpResponses.json(ctx, keepAlive, HttpResponseStatus.OK, array(frames)), waitMillis, true));
    }
  }

  private PollConnection connectionOf(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
    String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    String sid = auth != null && auth.startsWith(BEARER) ? auth.substring(BEARER.length()).trim() : null;
    PollConnection c = sessions.get(sid);
    if (c == null) {
      HttpResponses.text(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "no such poll session\n");
    }
    return c;
  }

  private Decoded decodeOne(ByteBuf body) {
    if (body.readableBytes() > maxFrameBytes) {
      return new Decoded.Rejected(ErrorCode.TOO_LARGE, "frame is larger than the limit", null);
    }
    return services.codec().decode(ByteBufUtil.getBytes(body));
  }

  private static boolean requireMethod(
      ChannelHandlerContext ctx, HttpMethod actual, HttpMethod wanted, boolean keepAlive) {
    if (actual.equals(wanted)) {
      return true;
    }
    HttpResponses.text(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "use " + wanted + "\n");
    return false;
  }

  /**
   * A post must say it is JSON: a page elsewhere can send a form or a {@code text/plain} fetch
   * to this server without asking, but {@code application/json} needs a CORS preflight, which
   * this server never grants.
   */
  private static boolean requireJson(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
    String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
    int semicolon = type == null ? -1 : type.indexOf(';');
    String mediaType = type == null ? "" : (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
    if (mediaType.equalsIgnoreCase("application/json")) {
      return true;
    }
    HttpResponses.text(ctx, keepAlive, HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "send Content-Type: application/json\n");
    return false;
  }

  /** {@code [frame,frame,…]} from frames encoded once, without re-serialising them. */
  static byte[] array(List<EncodedFrame> frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write('[');
    for (int i = 0; i < frames.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(frames.get(i).line(), 0, frames.get(i).jsonLength());
    }
    out.write(']');
    return out.toByteArray();
  }

  private static byte[] opened(String sid, List<EncodedFrame> frames) {
    byte[] head = ("{\"sid\":\"" + sid + "\",\"frames\":").getBytes(StandardCharsets.US_ASCII);
    byte[] body = array(frames);
    byte[] all = new byte[head.length + body.length + 1];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    all[all.length - 1] = '}';
    return all;
  }
}
