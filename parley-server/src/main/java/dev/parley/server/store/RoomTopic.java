package dev.parley.server.store;

/** A room's topic as stored: its text, who set it (display name) and when (ms since the epoch). */
public record RoomTopic(String text, String by, long ts) {}
