package dev.parley.server.store;

/** A stored room and the id of its newest message (0 when none). */
public record RoomInfo(String name, long last) {}
