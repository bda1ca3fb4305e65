/**
 * The embedded store: one SQLite file in WAL mode with {@code synchronous=FULL}, so a commit
 * that returned survives a {@code kill -9}. Each thread that touches the store gets its own
 * connection; SQLite serialises writers.
 */
package dev.parley.server.store.sqlite;
