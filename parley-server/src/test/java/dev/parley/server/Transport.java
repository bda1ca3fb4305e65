package dev.parley.server;

/** The three ways a client reaches the server; the contract suite runs over each. */
public enum Transport {
  TCP,
  WEBSOCKET,
  LONG_POLL
}
