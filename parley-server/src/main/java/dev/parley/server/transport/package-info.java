/**
 * The Netty pieces every transport shares: the handler that owns a connection's {@link
 * dev.parley.server.session.Session} (heartbeats, slow consumers, unexpected exceptions), the
 * {@link dev.parley.server.session.Outbound} over a channel, the slow-consumer rule every
 * transport applies to its unsent output, and TLS. Only this package and its sub-packages
 * import Netty.
 */
package dev.parley.server.transport;
