package dev.parley.server.store;

import java.util.List;
import java.util.Optional;

/**
 * Accounts and login tokens, stored durably before a method returns. Tokens are kept only as
 * hashes. Every change of an account is also written to the change log ({@link #eventsAfter})
 * in the same transaction. Every method blocks; callers run them on the auth pool.
 */
public interface AccountStore {

  Optional<Account> account(String key);

  /**
   * The account of {@code key}, or else one whose name is a look-alike of it (the same {@link
   * dev.parley.protocol.LookAlikes#skeleton skeleton} as {@code name}).
   */
  Optional<Account> accountOrLookAlike(String name);

  /**
   * Stores a new account under a new id, and returns it; empty when the key is taken. In the
   * same transaction: the account's private conversations start after what an earlier account
   * of the same name could read there, stale ownerships of the name are dropped, and the
   * change is logged.
   */
  default Optional<Account> createAccount(String name, String key, String passwordHash) {
    return createAccount(name, key, passwordHash, false);
  }

  /** As above; {@code bot} marks the new account as a bot's. */
  Optional<Account> createAccount(String name, String key, String passwordHash, boolean bot);

  void saveToken(String tokenHash, String userKey, long expiresAtMillis);

  /** The account a token hash belongs to, if the token exists and has not expired. */
  Optional<Account> tokenAccount(String tokenHash, long nowMillis);

  /** Revokes one token (logging out); nothing happens for an unknown one. */
  void revokeToken(String tokenHash);

  /**
   * Replaces a user's password hash, moves the account to its next generation and revokes all
   * of the user's tokens, in one transaction; {@code false} when there is no such user.
   */
  boolean changePassword(String key, String passwordHash);

  /**
   * Deletes an account, its tokens and its room ownerships; {@code false} when there is no such
   * user.
   */
  boolean deleteAccount(String key);

  /** Every account, by key. */
  List<Account> accounts();

  /** The logged changes after {@code seq}, oldest first, at most {@code max}. */
  List<AccountEvent> eventsAfter(long seq, int max);

  /** The newest change's {@code seq} (0 when none). */
  long lastEventSeq();
}
