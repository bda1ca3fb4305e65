package dev.parley.server.store;

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
}
