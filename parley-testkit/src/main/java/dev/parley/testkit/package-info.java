/**
 * Test helpers that speak the wire protocol with raw sockets, so tests see exactly the bytes a
 * third-party client would, and can send malformed ones; and a proxy that spoils the network
 * between clients and a server on purpose ({@link dev.parley.testkit.FaultProxy}).
 */
package dev.parley.testkit;
