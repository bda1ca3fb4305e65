package dev.parley.desktop;

import dev.parley.client.Endpoint;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A server address as typed at login: one {@code HOST:PORT} (TCP; TLS when asked), a
 * {@code ws://}/{@code wss://} URI, or several of them separated by commas (the nodes of a
 * cluster, tried in turn).
 */
public final class ServerAddresses {
  public static final String DEFAULT = "localhost:" + Endpoint.DEFAULT_TCP_PORT;

  private ServerAddresses() {}

  /** The endpoints, in order; an {@link IllegalArgumentException} names a bad entry. */
  public static List<Endpoint> parse(String text, boolean tls) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the server address is missing");
    }
    List<Endpoint> endpoints = new ArrayList<>();
    for (String entry : text.split(",", -1)) {
      endpoints.add(one(entry.strip(), tls));
    }
    return List.copyOf(endpoints);
  }

  /** The address as it is remembered: entries trimmed, joined by {@code ,}. */
  public static String normalise(String text) {
    List<String> parts = new ArrayList<>();
    for (String entry : text.split(",", -1)) {
      parts.add(entry.strip());
    }
    return String.join(",", parts);
  }

  private static Endpoint one(String entry, boolean tls) {
    if (entry.isEmpty()) {
      throw new IllegalArgumentException("an empty entry in the server list (write HOST:PORT,HOST:PORT)");
    }
    try {
      if (entry.startsWith("ws://") || entry.startsWith("wss://")) {
        return Endpoint.webSocket(URI.create(entry));
      }
      if (entry.contains("://")) {
        throw new IllegalArgumentException("not HOST:PORT or a ws:// or wss:// address");
      }
      Endpoint endpoint = Endpoint.parse(entry);
      return tls ? Endpoint.tls(endpoint.host(), endpoint.port()) : endpoint;
    } catch (IllegalArgumentException e) {
      String why = String.valueOf(e.getMessage());
      return rethrow("'" + entry + "': " + why.replace("'" + entry + "' ", ""), e);
    }
  }

  private static Endpoint rethrow(String message, IllegalArgumentException cause) {
    throw new IllegalArgumentException(message, cause);
  }
}
