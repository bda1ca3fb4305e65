/**
 * One connection's life, whatever transport carries it: logging in, the command table, the
 * rate limit and error budget, and the registry of who is connected. A session runs on its
 * connection's own thread and writes only through {@link dev.parley.server.session.Outbound}; it
 * never sees a socket.
 */
package dev.parley.server.session;
