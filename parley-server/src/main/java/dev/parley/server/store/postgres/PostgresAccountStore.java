package dev.parley.server.store.postgres;

import dev.parley.protocol.LookAlikes;
import dev.parley.protocol.Names;
import dev.parley.server.store.Account;
import dev.parley.server.store.AccountEvent;
import dev.parley.server.store.AccountStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Accounts and login tokens (kept only as hashes) in the PostgreSQL store's database, with the
 * change log of accounts ({@code account_events}) written in the same transactions. The log's
 * {@code seq} comes from a counter row updated in the logging transaction, so it grows in commit
 * order: a node that has read up to some seq never later finds a smaller one committed.
 */
final class PostgresAccountStore implements AccountStore {
  private static final String ACCOUNT = "SELECT id, name, key, password_hash, generation, bot FROM accounts";

  private final Jdbc jdbc;

  PostgresAccountStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<Account> account(String key) {
    return jdbc.query(c -> firstAccount(c, ACCOUNT + " WHERE key=?", key));
  }

  @Override
  public Optional<Account> accountOrLookAlike(String name) {
    String key = Names.key(name);
    return jdbc.query(c -> firstAccount(c,
        ACCOUNT + " WHERE key=? OR skeleton=? ORDER BY key<>? LIMIT 1", key, LookAlikes.skeleton(name), key));
  }

  @Override
  public Optional<Account> createAccount(String name, String key, String passwordHash, boolean bot) {
    return jdbc.inTransaction(c -> {
      long id = next(c, "account");
      int added = Jdbc.update(c,
          "INSERT INTO accounts(key, name, password_hash, created, id, generation, skeleton, bot) VALUES(?,?,?,?,?,0,?,?)"
              + " ON CONFLICT (key) DO NOTHING",
          key, name, passwordHash, System.currentTimeMillis(), id, LookAlikes.skeleton(name), bot);
      if (added == 0) {
        c.rollback(); // the id goes back to the counter
        return Optional.empty();
      }
      // What an earlier account of this name could read stays behind: the new account reads
      // its private conversations from their next message on. FOR SHARE waits for a batch
      // storing in one of them, so its messages fall below the floor.
      Jdbc.update(c, "DELETE FROM dm_floors WHERE user_key=?", key);
      Jdbc.update(c,
          "INSERT INTO dm_floors(user_key, room, after_id) SELECT ?, name, last_id FROM rooms"
              + " WHERE (dm_a=? OR dm_b=?) AND last_id>0 FOR SHARE",
          key, key, key);
      Jdbc.update(c, "DELETE FROM room_owners WHERE user_key=?", key);
      Account account = new Account(id, name, key, passwordHash, 0, bot);
      log(c, AccountEvent.Kind.CREATED, account);
      return Optional.of(account);
    });
  }

  /** Moves a counter on; its row stays locked until the transaction ends. */
  private static long next(Connection c, String counter) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE counters SET value=value+1 WHERE name=? RETURNING value")) {
      s.setString(1, counter);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("no counter " + counter);
        }
        return rs.getLong(1);
      }
    }
  }

  @Override
  public void saveToken(String tokenHash, String userKey, long expiresAtMillis) {
    jdbc.query(c -> Jdbc.update(c,
        "INSERT INTO tokens(token_hash, user_key, created, expires) VALUES(?,?,?,?)",
        tokenHash, userKey, System.currentTimeMillis(), expiresAtMillis));
  }

  @Override
  public Optional<Account> tokenAccount(String tokenHash, long nowMillis) {
    return jdbc.query(c -> firstAccount(c,
        "SELECT a.id, a.name, a.key, a.password_hash, a.generation, a.bot FROM tokens t JOIN accounts a"
            + " ON a.key = t.user_key WHERE t.token_hash=? AND t.expires>?",
        tokenHash, nowMillis));
  }

  @Override
  public void revokeToken(String tokenHash) {
    jdbc.query(c -> Jdbc.update(c, "DELETE FROM tokens WHERE token_hash=?", tokenHash));
  }

  @Override
  public boolean changePassword(String key, String passwordHash) {
    return jdbc.inTransaction(c -> {
      Optional<Account> changed = firstAccount(c,
          "UPDATE accounts SET password_hash=?, generation=generation+1 WHERE key=?"
              + " RETURNING id, name, key, password_hash, generation, bot",
          passwordHash, key);
      Jdbc.update(c, "DELETE FROM tokens WHERE user_key=?", key);
      if (changed.isPresent()) {
        log(c, AccountEvent.Kind.PASSWORD_CHANGED, changed.get());
      }
      return changed.isPresent();
    });
  }

  @Override
  public boolean deleteAccount(String key) {
    return jdbc.inTransaction(c -> {
      Jdbc.update(c, "DELETE FROM tokens WHERE user_key=?", key);
      Jdbc.update(c, "DELETE FROM room_owners WHERE user_key=?", key);
      Optional<Account> deleted = firstAccount(c,
          "DELETE FROM accounts WHERE key=? RETURNING id, name, key, password_hash, generation, bot", key);
      if (deleted.isPresent()) {
        log(c, AccountEvent.Kind.DELETED, deleted.get());
      }
      return deleted.isPresent();
    });
  }

  private static void log(Connection c, AccountEvent.Kind kind, Account account) throws SQLException {
    Jdbc.update(c,
        "INSERT INTO account_events(seq, user_key, account_id, kind, generation, at) VALUES(?,?,?,?,?,?)",
        next(c, "account_event"), account.key(), account.id(), kind.stored(), account.generation(),
        System.currentTimeMillis());
  }

  @Override
  public List<Account> accounts() {
    return jdbc.query(c -> accounts(c, ACCOUNT + " ORDER BY key COLLATE \"C\""));
  }

  @Override
  public List<AccountEvent> eventsAfter(long seq, int max) {
    return jdbc.query(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT seq, kind, user_key, account_id, generation FROM account_events WHERE seq>? ORDER BY seq LIMIT ?")) {
        Jdbc.bind(s, seq, max);
        List<AccountEvent> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(new AccountEvent(rs.getLong(1), AccountEvent.Kind.ofStored(rs.getString(2)),
                rs.getString(3), rs.getLong(4), rs.getLong(5)));
          }
        }
        return out;
      }
    });
  }

  @Override
  public long lastEventSeq() {
    return jdbc.query(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM account_events");
          ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private static Optional<Account> firstAccount(Connection c, String select, Object... args) throws SQLException {
    List<Account> found = accounts(c, select, args);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  private static List<Account> accounts(Connection c, String select, Object... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(select)) {
      Jdbc.bind(s, args);
      List<Account> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new Account(
              rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getBoolean(6)));
        }
      }
      return out;
    }
  }
}
