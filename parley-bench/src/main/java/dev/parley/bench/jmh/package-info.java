/**
 * JMH microbenchmarks: the JSON codec, encode-once fan-out and the store's group commit. Run
 * with {@code parley bench jmh [JMH options]}.
 */
package dev.parley.bench.jmh;
