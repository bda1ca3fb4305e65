package dev.parley.server.store;

import java.util.List;
import java.util.Optional;

/**
 * Accounts and login tokens, stored durably before a method returns. Tokens are kept only as
 * hashes. Every method blocks; callers run them on the auth pool.
 */
public interface AccountStore {

  Optional<Account> account(String key);

  /** Stores a new account; {@code false} when the key is taken. */
  boolean createAccount(Account account);

  void saveToken(String tokenHash, String userKey, long expiresAtMillis);

  /** The account a token hash belongs to, if the token exists and has not expired. */
  Optional<Account> tokenAccount(String tokenHash, long nowMillis);

  /** Revokes one token (logging out); nothing happens for an unknown one. */
  void revokeToken(String tokenHash);

  /**
   * Replaces a user's password hash and revokes all of the user's tokens, in one transaction;
   * {@code false} when there is no such user.
   */
  boolean changePassword(String key, String passwordHash);

  /** Deletes an account and its tokens; {@code false} when there is no such user. */
  boolean deleteAccount(String key);

  /** Every account, by key. */
  List<Account> accounts();
}
