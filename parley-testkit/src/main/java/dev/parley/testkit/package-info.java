/**
 * Test helpers that speak the wire protocol with raw sockets, so tests see exactly the bytes a
 * third-party client would, and can send malformed ones.
 */
package dev.parley.testkit;
