/**
 * What the server counts, behind {@link dev.parley.server.metrics.ServerMetrics}, and its
 * Micrometer implementation that {@code GET /metrics} shows in Prometheus text format.
 */
package dev.parley.server.metrics;
