package dev.parley.app.chat;

import dev.parley.client.Endpoint;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --server}: one server or several separated by commas ({@code a:7070,b:7070}), each
 * {@code HOST:PORT} (TCP, TLS with {@code --tls}) or a {@code ws://}/{@code wss://} URI. The
 * client starts with the first and moves on to the next when a connection fails.
 */
public final class ServerList {
  private ServerList() {}

  /** The servers in the order given; a bad entry is an {@link IllegalArgumentException} naming it. */
  public static List<Endpoint> parse(String text, boolean tls) {
    List<Endpoint> servers = new ArrayList<>();
    for (String entry : text.split(",", -1)) {
      servers.add(one(entry.strip(), tls));
    }
    return List.copyOf(servers);
  }

  private static Endpoint one(String entry, boolean tls) {
    if (entry.isEmpty()) {
      throw new IllegalArgumentException("an empty entry (write HOST:PORT,HOST:PORT)");
    }
    try {
      if (entry.startsWith("ws://") || entry.startsWith("wss://")) {
        return Endpoint.webSocket(URI.create(entry));
      }
      if (entry.contains("://")) {
        throw new IllegalArgumentException("'" + entry + "' is not HOST:PORT or a ws:// or wss:// URI");
      }
      Endpoint endpoint = Endpoint.parse(entry);
      return tls ? Endpoint.tls(endpoint.host(), endpoint.port()) : endpoint;
    } catch (IllegalArgumentException e) {
      String quoted = "'" + entry + "'";
      String why = String.valueOf(e.getMessage());
      throw new IllegalArgumentException(why.contains(quoted) ? why : quoted + ": " + why, e);
    }
  }
}
