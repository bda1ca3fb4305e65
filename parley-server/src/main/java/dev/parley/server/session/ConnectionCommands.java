package dev.parley.server.session;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ServerFrame;

/** The connection's upkeep: {@code ping}, {@code pong}, {@code bye}. */
final class ConnectionCommands {
  private ConnectionCommands() {}

  static void ping(Session s, ClientFrame.Ping ping) {
    s.reply(new ServerFrame.Pong(ping.ref()));
  }

  /** An answer to the server's ping: arriving at all was its purpose. */
  static void pong(Session s, ClientFrame.Pong pong) {}

  static void bye(Session s, ClientFrame.Bye bye) {
    s.close();
  }
}
