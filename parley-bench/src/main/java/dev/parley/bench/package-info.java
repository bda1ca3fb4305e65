/**
 * {@code parley bench}: the load generator ({@code gen}), the scenarios ({@code scenario}), the
 * servers and reports of a run ({@code run}), the floor server ({@code floor}) and the JMH
 * microbenchmarks ({@code jmh}).
 */
package dev.parley.bench;
