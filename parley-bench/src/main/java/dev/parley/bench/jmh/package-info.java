/**
 * JMH microbenchmarks: the JSON codec, encode-once fan-out, the store's group commit, and search
 * in a room of 100,000 messages. Run with {@code parley bench jmh [JMH options]}.
 */
package dev.parley.bench.jmh;
