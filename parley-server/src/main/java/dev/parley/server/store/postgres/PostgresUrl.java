package dev.parley.server.store.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A database as {@code --postgres} names it: {@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE}
 * (libpq's form; {@code postgres://} too). {@link #toString} leaves the password out, so the URL
 * can be logged and put in error messages.
 */
public record PostgresUrl(String user, String password, String host, int port, String database) {
  public static final int DEFAULT_PORT = 5432;

  /**
   * Parses the URL.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static PostgresUrl parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalArgumentException("not a URL: " + url);
    }
    String scheme = uri.getScheme();
    if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
      throw new IllegalArgumentException("expected postgresql://USER@HOST:PORT/DATABASE, not " + redact(url));
    }
    String info = uri.getRawUserInfo();
    String host = uri.getHost();
    String path = uri.getRawPath();
    if (info == null || info.isEmpty() || host == null || path == null || path.length() < 2
        || path.indexOf('/', 1) >= 0 || uri.getRawQuery() != null) {
      throw new IllegalArgumentException("expected postgresql://USER@HOST:PORT/DATABASE, not " + redact(url));
    }
    int colon = info.indexOf(':');
    String user = decode(colon < 0 ? info : info.substring(0, colon));
    String password = colon < 0 ? null : decode(info.substring(colon + 1));
    int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
    return new PostgresUrl(user, password, host, port, decode(path.substring(1)));
  }

  /** The same database as PgJDBC names it (user and password go separately). */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + hostAndPort() + "/" + database;
  }

  private String hostAndPort() {
    return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }

  /** The URL without its password. */
  @Override
  public String toString() {
    return "postgresql://" + user + "@" + hostAndPort() + "/" + database;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** {@code url} with whatever stands between the first ':' after "//" and the '@' hidden. */
  private static String redact(String url) {
    return url.replaceFirst("//([^/@:]*):[^/@]*@", "//$1:***@");
  }
}
