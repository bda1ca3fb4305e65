package dev.parley.server.session;

import dev.parley.protocol.ByeReason;
import dev.parley.server.auth.UserDirectory;
import dev.parley.server.store.AccountEvent;
import dev.parley.server.store.AccountStore;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies changes of accounts to the people connected. Accounts change here (a {@code
 * register}) and elsewhere ({@code parley user} in another process, on the same store), so this
 * reads the store's change log a few times a second, in order, and for each change:
 *
 * <ul>
 *   <li>created: a guest holding the name is ended ({@code bye name_registered}), as is any
 *       connection of an earlier account of the name; what was known of the name is forgotten.
 *   <li>password changed: every connection of the account logged in before the change ends
 *       ({@code bye password_changed}); its tokens are already revoked.
 *   <li>deleted: every connection of the account ends ({@code bye account_deleted}), and its room
 *       ownerships are dropped from memory (the store dropped them with the account).
 * </ul>
 *
 * A login checked just before a change can finish just after it was applied; {@link
 * #outdated} tells such a login to end at once.
 */
public final class AccountChanges implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AccountChanges.class);
  private static final long POLL_MILLIS = 250;
  private static final int MAX_PER_POLL = 1000;
  /**
   * How long an outdated generation or a creation is remembered: far longer than a login takes
   * or than the log takes to reach this server.
   */
  private static final long REMEMBER_NANOS = TimeUnit.MINUTES.toNanos(10);

  /** The first generation of an account still valid, and since when; deleted is MAX_VALUE. */
  private record Outdated(long validFrom, long sinceNanos) {}

  /** An account created, and when that was applied. */
  private record Created(long id, long sinceNanos) {}

  private final AccountStore accounts;
  private final SessionRegistry registry;
  private final UserDirectory users;
  private final Consumer<String> ownershipsGone;
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "parley-accounts"));
  private final ConcurrentHashMap<Long, Outdated> outdated = new ConcurrentHashMap<>();
  /** The newest account id seen created for each name lately (ids only grow). */
  private final ConcurrentHashMap<String, Created> newestCreated = new ConcurrentHashMap<>();
  /** The newest change applied; only touched by the poller thread. */
  private long seen;
  /** Whether the last poll failed, so a store outage is logged once, not four times a second. */
  private boolean failing;

  /**
   * @param ownershipsGone told the key of a user whose room ownerships are gone
   */
  public AccountChanges(
      AccountStore accounts, SessionRegistry registry, UserDirectory users, Consumer<String> ownershipsGone) {
    this.accounts = accounts;
    this.registry = registry;
    this.users = users;
    this.ownershipsGone = ownershipsGone;
  }

  /** Starts following the change log from its current end. */
  public void start() {
    seen = accounts.lastEventSeq();
    poller.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void poll() {
    try {
      List<AccountEvent> changes = accounts.eventsAfter(seen, MAX_PER_POLL);
      for (AccountEvent change : changes) {
        apply(change, false);
        seen = change.seq();
      }
      if (failing) {
        log.info("reading the accounts' change log works again");
        failing = false;
      }
      long now = System.nanoTime();
      outdated.values().removeIf(o -> now - o.sinceNanos() > REMEMBER_NANOS);
      newestCreated.values().removeIf(c -> now - c.sinceNanos() > REMEMBER_NANOS);
    } catch (RuntimeException e) {
      if (!failing) {
        log.warn("cannot read the accounts' change log: {}", e.getMessage());
        failing = true;
      }
    }
  }

  /**
   * Applies one change; safe to apply twice, and from any thread. {@code madeHere} is for an
   * account this server just created, applied at once rather than at the next reading of the
   * log (which applies it again, harmlessly).
   */
  void apply(AccountEvent change, boolean madeHere) {
    String key = change.userKey();
    long id = change.accountId();
    switch (change.kind()) {
      case CREATED -> {
        newestCreated.merge(key, new Created(id, System.nanoTime()), (a, b) -> a.id() >= b.id() ? a : b);
        users.forget(key);
        if (madeHere) {
          // The log may not have told us yet of the deletion that freed the name; any
          // ownership of it in memory is the earlier account's. (The store dropped them.)
          ownershipsGone.accept(key);
        }
        Session guest = registry.guest(key);
        end(guest == null ? List.of() : List.of(guest), ByeReason.NAME_REGISTERED, key);
        end(registry.matching(key, s -> s.accountId() < id), ByeReason.ACCOUNT_DELETED, key);
      }
      case PASSWORD_CHANGED -> {
        outdated.merge(id, new Outdated(change.generation(), System.nanoTime()),
            (a, b) -> a.validFrom() >= b.validFrom() ? a : b);
        end(registry.matching(key, s -> s.accountId() == id && s.generation() < change.generation()),
            ByeReason.PASSWORD_CHANGED, key);
      }
      case DELETED -> {
        outdated.put(id, new Outdated(Long.MAX_VALUE, System.nanoTime()));
        users.forget(key);
        Created newest = newestCreated.get(key);
        if (newest == null || newest.id() < id) {
          ownershipsGone.accept(key); // unless a newer account of the name owns them by now
        }
        end(registry.accountConnections(key, id), ByeReason.ACCOUNT_DELETED, key);
      }
    }
  }

  private static void end(List<Session> sessions, ByeReason reason, String key) {
    if (!sessions.isEmpty()) {
      log.info("{}: ending {} connection(s) of {}", reason.wireName(), sessions.size(), key);
      sessions.forEach(s -> s.bye(reason));
    }
  }

  /**
   * Why a login of {@code accountId} checked against {@code generation} is already out of
   * date (its account deleted, or its password changed since), or {@code null} if it is not.
   */
  ByeReason outdated(long accountId, long generation) {
    Outdated o = outdated.get(accountId);
    if (o == null || generation >= o.validFrom()) {
      return null;
    }
    return o.validFrom() == Long.MAX_VALUE ? ByeReason.ACCOUNT_DELETED : ByeReason.PASSWORD_CHANGED;
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
