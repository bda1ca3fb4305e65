package dev.parley.app.serve;

import dev.parley.server.ParleyServer;
import java.net.InetSocketAddress;

/**
 * The one line {@code serve} prints on standard output once every listener is bound, which
 * scripts and tests wait for: {@code parley listening tcp=HOST:PORT http=HOST:PORT}, with {@code
 * http=off} while there is no HTTP listener.
 */
final class ListeningLine {
  private ListeningLine() {}

  static String of(ParleyServer server) {
    String http = server.httpAddress().map(ListeningLine::hostPort).orElse("off");
    return "parley listening tcp=" + hostPort(server.tcpAddress()) + " http=" + http;
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
