package dev.parley.server.store;

/** A registered user: the name as registered, its case-folded key, and the password hash. */
public record Account(String name, String key, String passwordHash) {}
