/**
 * The IRC gateway: IRC lines in, the session's protocol frames through, IRC lines out. It is one
 * more transport in front of the shared {@code SessionHandler}; every rule of the protocol (names,
 * rooms, rate, bans) stays the session's. Everything here runs on the connection's event loop.
 */
package dev.parley.server.transport.irc;
