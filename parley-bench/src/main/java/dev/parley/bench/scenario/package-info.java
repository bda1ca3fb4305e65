/**
 * The scenarios of {@code parley bench}: fanout, bigroom, rooms, idle and sends. Each measures
 * one target at a time and returns a {@code Result}; none asserts anything.
 */
package dev.parley.bench.scenario;
