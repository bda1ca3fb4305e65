/**
 * The load generator: one Netty event loop holding every generated connection (Parley over TCP
 * or WebSocket, the floor, MQTT through the one MQTT adapter), the pacer that publishes at a set
 * rate, and the tally of deliveries and latencies (HdrHistogram, microseconds).
 */
package dev.parley.bench.gen;
