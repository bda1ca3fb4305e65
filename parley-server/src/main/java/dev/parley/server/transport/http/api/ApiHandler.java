package dev.parley.server.transport.http.api;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.Decoded;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.server.session.ScriptAnswer;
import dev.parley.server.session.ScriptRequests;
import dev.parley.server.transport.ChannelOutbound;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST} and {@code GET /api/v1/rooms/ROOM/messages} (protocol.md, "HTTP API for bots and
 * scripts"). A request is checked in this order: its path and method, its bearer token being
 * present, its size (over {@code --max-frame}: {@code 413}), its body, room and parameters by
 * the frames' own rules ({@code 400}); then the token itself, its rate, and what the room's
 * rules say, in the core shared with UDP. The answer is the {@code ack} (or the page), or the
 * error frame with its status (see {@link ApiAnswers}).
 */
public final class ApiHandler {
  public static final String PREFIX = "/api/";
  private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
  private static final String TRANSPORT = "http";
  private static final String ROOMS = "/api/v1/rooms/";
  private static final String MESSAGES = "/messages";
  private static final String ALLOWED = "GET, HEAD, POST";
  /** A request the core has not answered by then is answered 503 (it never should be). */
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);

  private final ScriptRequests scripts;
  private final FrameCodec codec;
  private final int maxFrameBytes;

  public ApiHandler(ScriptRequests scripts, FrameCodec codec, int maxFrameBytes) {
    this.scripts = scripts;
    this.codec = codec;
    this.maxFrameBytes = maxFrameBytes;
  }

  /** Whether a path is the API's (the router hands every such request here). */
  public static boolean isApi(String path) {
    return path.startsWith(PREFIX);
  }

  public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path, boolean keepAlive) {
    String room = roomOf(path);
    if (room == null) {
      ApiAnswers.error(ctx, keepAlive, codec, HttpResponseStatus.NOT_FOUND,
          "no such API path; use /api/v1/rooms/ROOM/messages", h -> {});
      return;
    }
    HttpMethod method = request.method();
    boolean post = method.equals(HttpMethod.POST);
    if (!post && !method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
      ApiAnswers.error(ctx, keepAlive, codec, HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET or POST",
          h -> h.set(HttpHeaderNames.ALLOW, ALLOWED));
      return;
    }
    String token = bearerToken(request);
    if (token == null) {
      ApiAnswers.error(ctx, keepAlive, codec, ErrorCode.AUTH_FAILED,
          "send the token as Authorization: Bearer TOKEN");
      return;
    }
    if (request.content().readableBytes() > maxFrameBytes) {
      ApiAnswers.error(ctx, keepAlive, codec, ErrorCode.TOO_LARGE, "the body is larger than the limit");
      return;
    }
    String host = ChannelOutbound.hostOf(ctx.channel().remoteAddress());
    CompletableFuture<ScriptAnswer> answer = post ? post(request, room, token, host) : read(request, room, token, host);
    answer.orTimeout(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS).whenComplete((done, failure) -> {
      if (failure == null) {
        ApiAnswers.answer(ctx, keepAlive, done);
        return;
      }
      if (!(failure instanceof TimeoutException)) {
        log.error("an API request from {} failed", host, failure);
      }
      ApiAnswers.error(ctx, keepAlive, codec, ErrorCode.INTERNAL, "the server could not answer in time, try again");
    });
  }

  private CompletableFuture<ScriptAnswer> post(FullHttpRequest request, String room, String token, String host) {
    byte[] body = ByteBufUtil.getBytes(request.content());
    Decoded decoded = codec.decodeParts("send", body, Map.of("room", room));
    if (decoded instanceof Decoded.Rejected rejected) {
      return CompletableFuture.completedFuture(refusal(rejected));
    }
    return scripts.send(TRANSPORT, token, host, (ClientFrame.Send) ((Decoded.Frame) decoded).frame());
  }

  private CompletableFuture<ScriptAnswer> read(FullHttpRequest request, String room, String token, String host) {
    Map<String, List<String>> query = new QueryStringDecoder(request.uri()).parameters();
    Long since = number(first(query, "since"));
    if (first(query, "since") != null && (since == null || since < 0)) {
      return CompletableFuture.completedFuture(refusal(new Decoded.Rejected(
          ErrorCode.BAD_REQUEST, "since must be a whole number, at least 0", null)));
    }
    Map<String, Object> fields = new HashMap<>();
    fields.put("room", room);
    String limit = first(query, "limit");
    if (limit != null) {
      Long n = number(limit);
      fields.put("limit", n == null ? limit : n);
    }
    Decoded decoded = codec.decodeParts("history", null, fields);
    if (decoded instanceof Decoded.Rejected rejected) {
      return CompletableFuture.completedFuture(refusal(rejected));
    }
    ClientFrame.History history = (ClientFrame.History) ((Decoded.Frame) decoded).frame();
    return scripts.read(TRANSPORT, token, host, history, since == null ? 0 : since);
  }

  private ScriptAnswer refusal(Decoded.Rejected rejected) {
    return new ScriptAnswer(codec.encode(rejected.toError()), rejected.code());
  }

  /**
   * The room of {@code /api/v1/rooms/ROOM/messages}, percent-decoded (so {@code dm%3Aa%3Ab} and
   * {@code dm:a:b} are one room), or {@code null} for any other path. Whether it is a valid
   * name is the frames' rule, checked later.
   */
  static String roomOf(String path) {
    if (!path.startsWith(ROOMS) || !path.endsWith(MESSAGES)) {
      return null;
    }
    String segment = path.substring(ROOMS.length(), Math.max(ROOMS.length(), path.length() - MESSAGES.length()));
    if (segment.isEmpty() || segment.indexOf('/') >= 0) {
      return null;
    }
    try {
      // Not as a form: a '+' stays a '+' (and is refused as a room name).
      return QueryStringDecoder.decodeComponent(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "%"; // malformed escapes: an invalid name, answered by the rules of names
    }
  }

  /** The token of {@code Authorization: Bearer TOKEN} (the scheme in any case), or {@code null}. */
  static String bearerToken(FullHttpRequest request) {
    String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (auth == null || auth.length() < 7 || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = auth.substring(7).strip();
    return token.isEmpty() ? null : token;
  }

  private static String first(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** A whole number written in decimal digits, or {@code null}. */
  private static Long number(String text) {
    if (text == null || text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    return Long.parseLong(text);
  }
}
