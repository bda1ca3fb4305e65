/**
 * The Parley client library. {@link dev.parley.client.ParleyClient} is the way in: it connects
 * over TCP or WebSocket (plain or TLS), logs in, joins rooms, sends and receives, and survives
 * disconnects without losing or repeating a message. Everything else here is its machinery,
 * all of it owned by one event loop per client (see {@code docs/concurrency.md}).
 */
package dev.parley.client;
