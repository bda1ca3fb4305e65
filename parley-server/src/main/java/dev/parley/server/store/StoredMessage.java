package dev.parley.server.store;

/** A message as stored: its room's sequence number and the server time it was stored at. */
public record StoredMessage(String room, long id, String from, String text, long ts) {}
