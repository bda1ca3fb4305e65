package dev.parley.server.store.sqlite;

import dev.parley.protocol.LookAlikes;
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
 * Accounts and login tokens (kept only as hashes) in the embedded store's database, with the
 * change log of accounts ({@code account_events}) written in the same transactions.
 */
final class SqliteAccountStore implements AccountStore {
  private static final String ACCOUNT = "SELECT id, name, key, password_hash, generation, bot FROM accounts";

  private final Sql sql;

  SqliteAccountStore(Sql sql) {
    this.sql = sql;
  }

  @Override
  public Optional<Account> account(String key) {
    return sql.query(c -> firstAccount(c, ACCOUNT + " WHERE key=?", key));
  }

  @Override
  public Optional<Account> accountOrLookAlike(String name) {
    String key = dev.parley.protocol.Names.key(name);
    return sql.query(c -> firstAccount(c,
        ACCOUNT + " WHERE key=? OR skeleton=? ORDER BY key<>? LIMIT 1", key, LookAlikes.skeleton(name), key));
  }

  @Override
  public Optional<Account> createAccount(String name, String key, String passwordHash, boolean bot) {
    return sql.inTransaction(c -> {
      if (firstAccount(c, ACCOUNT + " WHERE key=?", key).isPresent()) {
        return Optional.empty();
      }
      long id = nextAccountId(c);
      Sql.update(c,
          "INSERT INTO accounts(key, name, password_hash, created, id, generation, skeleton, bot) VALUES(?,?,?,?,?,0,?,?)",
          key, name, passwordHash, System.currentTimeMillis(), id, LookAlikes.skeleton(name), bot);
      // What an earlier account of this name could read stays behind: the new account reads
      // its private conversations from their next message on.
      Sql.update(c, "DELETE FROM dm_floors WHERE user_key=?", key);
      Sql.update(c,
          "INSERT INTO dm_floors(user_key, room, after_id) SELECT ?, name, last_id FROM rooms"
              + " WHERE (dm_a=? OR dm_b=?) AND last_id>0",
          key, key, key);
      Sql.update(c, "DELETE FROM room_owners WHERE user_key=?", key);
      Account account = new Account(id, name, key, passwordHash, 0, bot);
      log(c, AccountEvent.Kind.CREATED, account);
      return Optional.of(account);
    });
  }

  private static long nextAccountId(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE counters SET value=value+1 WHERE name='account' RETURNING value")) {
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Override
  public void saveToken(String tokenHash, String userKey, long expiresAtMillis) {
    sql.query(c -> Sql.update(c,
        "INSERT INTO tokens(token_hash, user_key, created, expires) VALUES(?,?,?,?)",
        tokenHash, userKey, System.currentTimeMillis(), expiresAtMillis));
  }

  @Override
  public Optional<Account> tokenAccount(String tokenHash, long nowMillis) {
    return sql.query(c -> firstAccount(c,
        "SELECT a.id, a.name, a.key, a.password_hash, a.generation, a.bot FROM tokens t JOIN accounts a"
            + " ON a.key = t.user_key WHERE t.token_hash=? AND t.expires>?",
        tokenHash, nowMillis));
  }

  @Override
  public void revokeToken(String tokenHash) {
    sql.query(c -> Sql.update(c, "DELETE FROM tokens WHERE token_hash=?", tokenHash));
  }

  @Override
  public boolean changePassword(String key, String passwordHash) {
    return sql.inTransaction(c -> {
      int changed = Sql.update(c,
          "UPDATE accounts SET password_hash=?, generation=generation+1 WHERE key=?", passwordHash, key);
      Sql.update(c, "DELETE FROM tokens WHERE user_key=?", key);
      if (changed == 1) {
        log(c, AccountEvent.Kind.PASSWORD_CHANGED, firstAccount(c, ACCOUNT + " WHERE key=?", key).orElseThrow());
      }
      return changed == 1;
    });
  }

  @Override
  public boolean deleteAccount(String key) {
    return sql.inTransaction(c -> {
      Optional<Account> account = firstAccount(c, ACCOUNT + " WHERE key=?", key);
      Sql.update(c, "DELETE FROM tokens WHERE user_key=?", key);
      Sql.update(c, "DELETE FROM room_owners WHERE user_key=?", key);
      Sql.update(c, "DELETE FROM accounts WHERE key=?", key);
      if (account.isPresent()) {
        log(c, AccountEvent.Kind.DELETED, account.get());
      }
      return account.isPresent();
    });
  }

  private static void log(Connection c, AccountEvent.Kind kind, Account account) throws SQLException {
    Sql.update(c,
        "INSERT INTO account_events(user_key, account_id, kind, generation, at) VALUES(?,?,?,?,?)",
        account.key(), account.id(), kind.stored(), account.generation(), System.currentTimeMillis());
  }

  @Override
  public List<Account> accounts() {
    return sql.query(c -> accounts(c, ACCOUNT + " ORDER BY key"));
  }

  @Override
  public List<AccountEvent> eventsAfter(long seq, int max) {
    return sql.query(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT seq, kind, user_key, account_id, generation FROM account_events WHERE seq>? ORDER BY seq LIMIT ?")) {
        Sql.bind(s, seq, (long) max);
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
    return sql.query(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM account_events");
          ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private static Optional<Account> firstAccount(Connection c, String select, Object... args)
      throws SQLException {
    List<Account> found = accounts(c, select, args);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  private static List<Account> accounts(Connection c, String select, Object... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(select)) {
      Sql.bind(s, args);
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
