/**
 * The HTTP listener: the WebSocket transport at {@code /ws} (behind an Origin check),
 * long-polling at {@code /poll/*}, the web page, {@code /healthz} and {@code /metrics}. All
 * three transports end in the same session layer.
 */
package dev.parley.server.transport.http;
