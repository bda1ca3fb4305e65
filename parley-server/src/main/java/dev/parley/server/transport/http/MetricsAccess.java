package dev.parley.server.transport.http;

import dev.parley.server.ConfigException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Who may read {@code /metrics}: a scraper on this machine (a loopback peer whose request no
 * proxy relayed), or, with {@code --metrics-token-file}, any scraper that presents the file's
 * token as {@code Authorization: Bearer TOKEN}. Immutable.
 */
public final class MetricsAccess {
  private static final String BEARER = "Bearer ";
  /** Headers a reverse proxy adds: a request carrying one came from elsewhere, whatever the peer. */
  private static final String[] RELAYED = {"Forwarded", "X-Forwarded-For", "X-Real-IP"};
  private static final int MIN_TOKEN_LENGTH = 16;

  private final byte[] token;

  MetricsAccess(String token) {
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The access rule of a server with {@code tokenFile} (or none).
   *
   * @throws ConfigException when the file cannot be read or holds too short a token
   */
  public static MetricsAccess of(Path tokenFile) {
    if (tokenFile == null) {
      return new MetricsAccess(null);
    }
    String token;
    try {
      token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new ConfigException("--metrics-token-file: cannot read " + tokenFile + ": " + e.getMessage(), e);
    }
    if (token.length() < MIN_TOKEN_LENGTH || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
      throw new ConfigException("--metrics-token-file: the token must be at least " + MIN_TOKEN_LENGTH
          + " printable characters without spaces");
    }
    return new MetricsAccess(token);
  }

  /** Whether a request from {@code peer} with {@code headers} may read the metrics. */
  boolean allows(InetAddress peer, HttpHeaders headers) {
    if (token != null && presentsToken(headers.get(HttpHeaderNames.AUTHORIZATION))) {
      return true;
    }
    return peer != null && peer.isLoopbackAddress() && !isRelayed(headers);
  }

  private boolean presentsToken(String authorization) {
    if (authorization == null || !authorization.startsWith(BEARER)) {
      return false;
    }
    byte[] given = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token);
  }

  private static boolean isRelayed(HttpHeaders headers) {
    for (String name : RELAYED) {
      if (headers.contains(name)) {
        return true;
      }
    }
    return false;
  }
}
