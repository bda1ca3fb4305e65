/**
 * The floor server: a minimal Netty fan-out server (no protocol, storage or checks), run as the
 * bench's second child process to show what a JVM fan-out server on this machine can do at best.
 */
package dev.parley.bench.floor;
