package dev.parley.server.store;

/**
 * A registered user. {@code id} is the account's own number, never given to another account,
 * so what belongs to this account (its private conversations, its refs, its sessions) does not
 * pass to a later account of the same name. {@code generation} counts its password changes: a
 * login checked against an older generation is out of date. {@code bot}: the account is a bot's,
 * and its messages say so (so that other bots do not answer them).
 */
public record Account(long id, String name, String key, String passwordHash, long generation, boolean bot) {
  public Account(long id, String name, String key, String passwordHash, long generation) {
    this(id, name, key, passwordHash, generation, false);
  }
}
