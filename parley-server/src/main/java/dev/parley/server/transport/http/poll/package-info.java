/**
 * Long-polling: a session whose "socket" is a queue of frames that {@code /poll/recv} drains,
 * fed by {@code /poll/send}. Each poll connection lives on one event loop, like a socket.
 */
package dev.parley.server.transport.http.poll;
