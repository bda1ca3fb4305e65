/**
 * The scenarios of {@code parley bench}: fanout, bigroom, rooms, idle and sends, each measuring
 * one target at a time and returning a {@code Result}; and cluster (cluster-fanout, cluster-sends),
 * the same fan-out and sends methods over the nodes of a cluster. None asserts anything.
 */
package dev.parley.bench.scenario;
