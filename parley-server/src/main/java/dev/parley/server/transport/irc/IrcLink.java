package dev.parley.server.transport.irc;

/** Where the gateway's handlers put what they make: IRC lines out, protocol frames in. */
interface IrcLink {
  void line(String line);

  /**
   * Hands a frame to the session as if the client had sent it, built from keys and values ({@code
   * null} values left out) and decoded by the protocol's codec, so every rule of the protocol
   * (names, text, refs) applies to it as to any other frame.
   */
  void frame(Object... keysAndValues);

  /** Says {@code ERROR :Closing Link} with the reason, then closes. */
  void closeWith(String reason);
}
