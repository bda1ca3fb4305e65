/**
 * The HTTP listener: the WebSocket transport at {@code /ws}, long-polling at {@code /poll/*},
 * the web page, {@code /healthz} and {@code /metrics}, behind its edge defences: a strict
 * request decoder with a deadline per request, answers in request order, one Origin rule for
 * every route a page could misuse, and limits on a WebSocket's frames. All three transports end
 * in the same session layer.
 */
package dev.parley.server.transport.http;
