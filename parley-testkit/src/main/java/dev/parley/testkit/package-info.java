/**
 * Test helpers that speak the wire protocol with raw sockets, so tests see exactly the bytes a
 * third-party client would, and can send malformed ones; and a proxy that spoils the network
 * between clients and a server on purpose ({@link dev.parley.testkit.FaultProxy}); and a database of a test's own on the
 * machine's PostgreSQL ({@link dev.parley.testkit.TestDatabase}); and a real HAProxy in front of
 * several nodes ({@link dev.parley.testkit.Haproxy}, configured by {@link dev.parley.testkit.HaproxyConfig}).
 */
package dev.parley.testkit;
