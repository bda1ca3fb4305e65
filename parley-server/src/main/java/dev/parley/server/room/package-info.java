/**
 * Rooms and fan-out. Each room lives on one room executor chosen by a stable hash of its name;
 * all of its state is touched only there, so the order of its messages needs no locks. The hub
 * routes work to the right executor, hands appends to the group committer and store reads to the
 * read pool, and every result hops back to the room's executor before anyone is told. A replay
 * is read and sent a page at a time, only as fast as the member's connection takes it.
 */
package dev.parley.server.room;
