package dev.parley.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The HAProxy configuration for Parley nodes, rendered from the template {@code haproxy.cfg}
 * next to this class: the same text that {@code docs/cluster.md} shows for three nodes (a test
 * keeps the two equal), with the listening addresses and the nodes filled in.
 *
 * @param tcpBind where clients reach the nodes' JSON-lines TCP ports ({@code HOST:PORT})
 * @param httpBind where clients reach the nodes' HTTP ports (page, WebSocket, long-polling)
 * @param statsBind HAProxy's own status page ({@code /stats}, {@code /stats;csv})
 * @param nodes the Parley nodes behind it, in order
 */
public record HaproxyConfig(String tcpBind, String httpBind, String statsBind, List<Node> nodes) {
  private static final String TEMPLATE = "haproxy.cfg";

  /**
   * One Parley node: its name in HAProxy (also the value of its stickiness cookie) and the
   * host and ports of its two listeners.
   */
  public record Node(String name, String host, int tcpPort, int httpPort) {
    public Node {
      if (!name.matches("[a-z][a-z0-9_-]*")) {
        throw new IllegalArgumentException("a node name is lower-case letters, digits, - and _: " + name);
      }
    }
  }

  public HaproxyConfig {
    nodes = List.copyOf(nodes);
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("HAProxy needs at least one node");
    }
  }

  /** The configuration file's text. */
  public String render() {
    StringBuilder http = new StringBuilder();
    StringBuilder tcp = new StringBuilder();
    for (Node node : nodes) {
      http.append(String.format("    server %s %s:%d check cookie %s\n", node.name(), node.host(), node.httpPort(), node.name()));
      tcp.append(String.format("    server %s %s:%d track parley_http_nodes/%s\n", node.name(), node.host(), node.tcpPort(), node.name()));
    }
    return template()
        .replace("@TCP_BIND@", tcpBind)
        .replace("@HTTP_BIND@", httpBind)
        .replace("@STATS_BIND@", statsBind)
        .replace("@HTTP_SERVERS@\n", http.toString())
        .replace("@TCP_SERVERS@\n", tcp.toString());
  }

  private static String template() {
    try (InputStream in = HaproxyConfig.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + TEMPLATE + " is missing next to " + HaproxyConfig.class.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
