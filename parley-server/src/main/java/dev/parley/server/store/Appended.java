package dev.parley.server.store;

/**
 * The outcome of one append: the stored message, and whether it had been stored before under
 * the same ref (then {@code message} is the original, with its original id and time).
 */
public record Appended(StoredMessage message, boolean duplicate) {}
