package dev.parley.server.cluster;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A node's name: the host's name and a random part, new at every start. */
public final class NodeName {
  private static final SecureRandom random = new SecureRandom();

  private NodeName() {}

  public static String fresh() {
    byte[] bytes = new byte[3];
    random.nextBytes(bytes);
    return host() + "-" + HexFormat.of().formatHex(bytes);
  }

  private static String host() {
    try {
      String name = InetAddress.getLocalHost().getHostName();
      int dot = name.indexOf('.');
      return (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9-]", "");
    } catch (java.io.IOException e) {
      return "node";
    }
  }
}
