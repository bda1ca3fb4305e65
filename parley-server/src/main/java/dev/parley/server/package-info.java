/**
 * The composition root: {@link dev.parley.server.ServerConfig}, validated once, and {@link
 * dev.parley.server.ParleyServer}, which wires store, hub, sessions and listeners together and
 * takes them down in order.
 */
package dev.parley.server;
