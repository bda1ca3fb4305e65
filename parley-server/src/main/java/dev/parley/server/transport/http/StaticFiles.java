package dev.parley.server.transport.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web client's files, read from the classpath ({@value #ROOT}) once and kept in memory.
 * Each answer carries an ETag; with {@code Cache-Control: no-cache} a browser revalidates and
 * gets {@code 304} while the file is unchanged, so a new release is picked up at once.
 */
final class StaticFiles {
  static final String ROOT = "dev/parley/web/";
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon",
          "json", "application/json; charset=utf-8");

  private record File(byte[] bytes, String type, String etag) {}

  private final Map<String, File> cache = new ConcurrentHashMap<>();

  /** Answers {@code path} if it names a file of the web client; {@code false} otherwise. */
  boolean serve(ChannelHandlerContext ctx, FullHttpRequest request, String path, boolean keepAlive) {
    String name = path.equals("/") ? "index.html" : path.substring(1);
    if (!name.matches("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\\.[a-z]+")) {
      return false;
    }
    File file = cache.computeIfAbsent(name, StaticFiles::load);
    if (file.bytes() == null) {
      cache.remove(name);
      return false;
    }
    if (file.etag().equals(request.headers().get(HttpHeaderNames.IF_NONE_MATCH))) {
      HttpResponses.empty(ctx, keepAlive, HttpResponseStatus.NOT_MODIFIED);
      return true;
    }
    var body = Unpooled.wrappedBuffer(file.bytes());
    HttpResponses.send(ctx, keepAlive, HttpResponseStatus.OK, file.type(), body, h -> {
      h.set(HttpHeaderNames.ETAG, file.etag());
      h.set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
    });
    return true;
  }

  private static File load(String name) {
    String ext = name.substring(name.lastIndexOf('.') + 1);
    try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(ROOT + name)) {
      if (in == null || !TYPES.containsKey(ext)) {
        return new File(null, null, null);
      }
      byte[] bytes = in.readAllBytes();
      return new File(bytes, TYPES.get(ext), "\"" + sha256(bytes).substring(0, 16) + "\"");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
