package dev.parley.server.transport.irc;

import dev.parley.protocol.ClientFrame;

/** Where the gateway's handlers put what they make: IRC lines out, protocol frames in. */
interface IrcLink {
  void line(String line);

  /** Hands a frame to the session, as if the client had sent it. */
  void frame(ClientFrame frame);

  /** Says {@code ERROR :Closing Link} with the reason, then closes. */
  void closeWith(String reason);
}
