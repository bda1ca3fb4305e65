package dev.parley.app.serve;

import dev.parley.server.ParleyServer;
import java.net.InetSocketAddress;

/**
 * The one line {@code serve} prints on standard output once every listener is bound, which
 * scripts and tests wait for: {@code parley listening tcp=HOST:PORT http=HOST:PORT}, with {@code
 * http=off} while there is no HTTP listener, then {@code udp=HOST:PORT} when UDP is on, {@code
 * mqtt=HOST:PORT} when the MQTT gateway is on, {@code irc=HOST:PORT} when the IRC gateway is on, and
 * {@code node=NAME} at the end for a node of a cluster.
 */
final class ListeningLine {
  private ListeningLine() {}

  /** {@code bind} is the address asked for, shown as given when it is a wildcard. */
  static String of(ParleyServer server, String bind) {
    String http = server.httpAddress().map(a -> hostPort(a, bind)).orElse("off");
    String line = "parley listening tcp=" + hostPort(server.tcpAddress(), bind) + " http=" + http;
    line += server.udpAddress().map(a -> " udp=" + hostPort(a, bind)).orElse("");
    line += server.mqttAddress().map(a -> " mqtt=" + hostPort(a, bind)).orElse("");
    line += server.ircAddress().map(a -> " irc=" + hostPort(a, bind)).orElse("");
    return server.clustered() ? line + " node=" + server.node() : line;
  }

  /** As {@link #hostPort(InetSocketAddress)}, but {@code 0.0.0.0:7070} rather than {@code [::]:7070}. */
  static String hostPort(InetSocketAddress address, String bind) {
    if (address.getAddress() != null && address.getAddress().isAnyLocalAddress()) {
      return (bind.contains(":") ? "[" + bind + "]" : bind) + ":" + address.getPort();
    }
    return hostPort(address);
  }

  /** {@code 127.0.0.1:7070}, or {@code [::1]:7070} for IPv6. */
  static String hostPort(InetSocketAddress address) {
    String host =
        address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    if (host.contains(":")) {
      int zone = host.indexOf('%');
      host = "[" + (zone >= 0 ? host.substring(0, zone) : host) + "]";
    }
    return host + ":" + address.getPort();
  }
}
