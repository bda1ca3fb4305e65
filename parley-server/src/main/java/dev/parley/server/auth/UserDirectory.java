package dev.parley.server.auth;

import dev.parley.server.store.Account;
import dev.parley.server.store.AccountStore;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers "is this a registered user?" for private messages, remembering every user found so a
 * conversation's later messages need no store read. (Accounts are never deleted yet; when they
 * can be, deletion must evict here.) Thread-safe; {@link #lookup} blocks.
 */
public final class UserDirectory {
  private final AccountStore accounts;
  private final ConcurrentHashMap<String, String> known = new ConcurrentHashMap<>();

  public UserDirectory(AccountStore accounts) {
    this.accounts = accounts;
  }

  /** The registered name for a key if it is already known, without touching the store. */
  public Optional<String> cached(String key) {
    return Optional.ofNullable(known.get(key));
  }

  /** The registered name for a key; reads the store on a miss. */
  public Optional<String> lookup(String key) {
    Optional<String> name = cached(key);
    if (name.isPresent()) {
      return name;
    }
    Optional<String> found = accounts.account(key).map(Account::name);
    found.ifPresent(n -> known.put(key, n));
    return found;
  }
}
