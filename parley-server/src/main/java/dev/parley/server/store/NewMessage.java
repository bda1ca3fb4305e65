package dev.parley.server.store;

/**
 * A message to append. The store assigns its id and time. {@code ref} may be {@code null}; when
 * set, a second append with the same room, sender key and ref is a duplicate.
 */
public record NewMessage(String room, String from, String fromKey, String text, String ref) {}
