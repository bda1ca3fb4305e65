/**
 * The library's Netty edge: dialling a server over TCP or WebSocket, plain or TLS, and turning
 * bytes into {@link dev.parley.protocol.ServerFrame}s and {@link dev.parley.protocol.ClientFrame}s
 * into bytes. Each connection is a {@link dev.parley.client.transport.Link}; what happens on it
 * is reported to {@link dev.parley.client.transport.LinkEvents}, always on the link's event
 * loop. Nothing outside this package imports {@code io.netty}. These types are public only so
 * that {@code dev.parley.client} can use them; applications use {@code ParleyClient}.
 */
package dev.parley.client.transport;
