package dev.parley.client;

import java.net.URI;

/**
 * Which server to talk to, and over which transport.
 *
 * @param host host name or address; with TLS, the name the certificate must carry
 * @param port port
 * @param tls whether to speak TLS (WSS for WebSocket)
 * @param webSocketPath the WebSocket path ({@code /ws}), or {@code null} for JSON lines over TCP
 */
public record Endpoint(String host, int port, boolean tls, String webSocketPath) {
  public static final int DEFAULT_TCP_PORT = 7070;

  public Endpoint {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("the server's host is missing");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not a port number");
    }
  }

  /** JSON lines over plain TCP. */
  public static Endpoint tcp(String host, int port) {
    return new Endpoint(host, port, false, null);
  }

  /** JSON lines over TLS. */
  public static Endpoint tls(String host, int port) {
    return new Endpoint(host, port, true, null);
  }

  /** WebSocket, from a {@code ws://host:port/ws} or {@code wss://…} URI. */
  public static Endpoint webSocket(URI uri) {
    String scheme = String.valueOf(uri.getScheme());
    if (!scheme.equals("ws") && !scheme.equals("wss")) {
      throw new IllegalArgumentException("a WebSocket URI starts with ws:// or wss://, not " + uri);
    }
    boolean tls = scheme.equals("wss");
    int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/ws" : uri.getRawPath();
    return new Endpoint(uri.getHost(), port, tls, path);
  }

  /**
   * {@code HOST:PORT}, {@code HOST} (port {@value #DEFAULT_TCP_PORT}) or {@code [V6ADDR]:PORT},
   * over plain TCP.
   */
  public static Endpoint parse(String hostPort) {
    String text = hostPort.strip();
    String host = text;
    String port = null;
    if (text.startsWith("[") && text.contains("]")) {
      int close = text.indexOf(']');
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (rest.startsWith(":")) {
        port = rest.substring(1);
      } else if (!rest.isEmpty()) {
        throw new IllegalArgumentException("'" + hostPort + "' is not HOST:PORT");
      }
    } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
      host = text.substring(0, text.indexOf(':'));
      port = text.substring(text.indexOf(':') + 1);
    }
    try {
      return tcp(host, port == null ? DEFAULT_TCP_PORT : Integer.parseInt(port));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + hostPort + "' is not HOST:PORT");
    }
  }

  public boolean isWebSocket() {
    return webSocketPath != null;
  }

  /** The WebSocket URI, or {@code null} for TCP. */
  public URI webSocketUri() {
    if (!isWebSocket()) {
      return null;
    }
    String h = host.contains(":") ? "[" + host + "]" : host;
    return URI.create((tls ? "wss://" : "ws://") + h + ":" + port + webSocketPath);
  }

  @Override
  public String toString() {
    return isWebSocket() ? webSocketUri().toString() : host + ":" + port + (tls ? " (TLS)" : "");
  }
}
