/**
 * UDP ingress ({@code --udp-port}): each datagram is one {@code send} or {@code dm} with a token,
 * answered by at most one datagram to its sender, never larger than the datagram that caused it.
 * The pipeline, assembled in {@link dev.parley.server.transport.udp.UdpChannelInitializer}, is a
 * per-address rate limit, a decoder of one datagram into a request or a refusal, and a handler
 * that hands requests to {@link dev.parley.server.session.ScriptRequests} and sends the answer.
 * One datagram channel, so one event loop thread, owns the per-address state.
 */
package dev.parley.server.transport.udp;
