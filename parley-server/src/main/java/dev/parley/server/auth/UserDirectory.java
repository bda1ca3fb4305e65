package dev.parley.server.auth;

import dev.parley.server.store.Account;
import dev.parley.server.store.AccountStore;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers "which account is this user now?" for private messages and {@code op}, remembering
 * each account found so a conversation's later messages need no store read. An account that is
 * created or deleted is {@link #forget forgotten}, so the next lookup reads the store again.
 * Thread-safe; {@link #lookup} blocks.
 */
public final class UserDirectory {
  private final AccountStore accounts;
  private final ConcurrentHashMap<String, Account> known = new ConcurrentHashMap<>();
  /** Counts {@link #forget}s, so a lookup that raced one does not put back what it read before. */
  private final AtomicLong forgets = new AtomicLong();

  public UserDirectory(AccountStore accounts) {
    this.accounts = accounts;
  }

  /** The account of a key if it is already known, without touching the store. */
  public Optional<Account> cached(String key) {
    return Optional.ofNullable(known.get(key));
  }

  /** The account of a key; reads the store on a miss. */
  public Optional<Account> lookup(String key) {
    Optional<Account> account = cached(key);
    if (account.isPresent()) {
      return account;
    }
    long before = forgets.get();
    Optional<Account> found = accounts.account(key);
    found.ifPresent(a -> {
      known.put(key, a);
      if (forgets.get() != before) {
        known.remove(key, a);
      }
    });
    return found;
  }

  /** Drops what is known of a key: its account was created or deleted. */
  public void forget(String key) {
    forgets.incrementAndGet();
    known.remove(key);
  }
}
