package dev.parley.server.store.sqlite;

import dev.parley.server.store.Account;
import dev.parley.server.store.AccountStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Accounts and login tokens (kept only as hashes) in the embedded store's database. */
final class SqliteAccountStore implements AccountStore {
  private final Sql sql;

  SqliteAccountStore(Sql sql) {
    this.sql = sql;
  }

  @Override
  public Optional<Account> account(String key) {
    return sql.query(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT name, key, password_hash FROM accounts WHERE key=?")) {
            s.setString(1, key);
            return firstAccount(s);
          }
        });
  }

  @Override
  public boolean createAccount(Account account) {
    return sql.query(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT OR IGNORE INTO accounts(key, name, password_hash, created) VALUES(?,?,?,?)")) {
            s.setString(1, account.key());
            s.setString(2, account.name());
            s.setString(3, account.passwordHash());
            s.setLong(4, System.currentTimeMillis());
            return s.executeUpdate() == 1;
          }
        });
  }

  @Override
  public void saveToken(String tokenHash, String userKey, long expiresAtMillis) {
    sql.query(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO tokens(token_hash, user_key, created, expires) VALUES(?,?,?,?)")) {
            s.setString(1, tokenHash);
            s.setString(2, userKey);
            s.setLong(3, System.currentTimeMillis());
            s.setLong(4, expiresAtMillis);
            return s.executeUpdate();
          }
        });
  }

  @Override
  public Optional<Account> tokenAccount(String tokenHash, long nowMillis) {
    return sql.query(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT a.name, a.key, a.password_hash FROM tokens t JOIN accounts a"
                      + " ON a.key = t.user_key WHERE t.token_hash=? AND t.expires>?")) {
            s.setString(1, tokenHash);
            s.setLong(2, nowMillis);
            return firstAccount(s);
          }
        });
  }

  @Override
  public void revokeToken(String tokenHash) {
    sql.query(c -> Sql.update(c, "DELETE FROM tokens WHERE token_hash=?", tokenHash));
  }

  @Override
  public boolean changePassword(String key, String passwordHash) {
    return sql.inTransaction(c -> {
      boolean found = Sql.update(c, "UPDATE accounts SET password_hash=? WHERE key=?", passwordHash, key) == 1;
      Sql.update(c, "DELETE FROM tokens WHERE user_key=?", key);
      return found;
    });
  }

  @Override
  public boolean deleteAccount(String key) {
    return sql.inTransaction(c -> {
      Sql.update(c, "DELETE FROM tokens WHERE user_key=?", key);
      return Sql.update(c, "DELETE FROM accounts WHERE key=?", key) == 1;
    });
  }

  @Override
  public List<Account> accounts() {
    return sql.query(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT name, key, password_hash FROM accounts ORDER BY key");
          ResultSet rs = s.executeQuery()) {
        List<Account> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new Account(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
        return out;
      }
    });
  }

  private static Optional<Account> firstAccount(PreparedStatement s) throws SQLException {
    try (ResultSet rs = s.executeQuery()) {
      return rs.next()
          ? Optional.of(new Account(rs.getString(1), rs.getString(2), rs.getString(3)))
          : Optional.empty();
    }
  }

}
