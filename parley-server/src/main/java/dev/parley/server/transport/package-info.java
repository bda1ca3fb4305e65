/**
 * The Netty pieces every transport shares: the handler that owns a connection's {@link
 * dev.parley.server.session.Session} (heartbeats, slow consumers, unexpected exceptions), the
 * {@link dev.parley.server.session.Outbound} over a channel, the slow-consumer rule every
 * transport applies to its unsent output, TLS and its failures, the count of connections per
 * address taken at accept, and the counting and rate-limited logging of clients' protocol
 * violations. Only this package and its sub-packages import Netty.
 */
package dev.parley.server.transport;
