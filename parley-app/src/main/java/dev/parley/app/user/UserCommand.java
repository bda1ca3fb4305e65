package dev.parley.app.user;

import dev.parley.app.QuietLogs;
import dev.parley.protocol.Names;
import dev.parley.server.ConfigException;
import dev.parley.server.auth.Authenticator;
import dev.parley.server.auth.PasswordHasher;
import dev.parley.server.auth.Tokens;
import dev.parley.server.store.StoreException;
import dev.parley.server.store.ChatStore;
import dev.parley.server.store.postgres.PostgresStore;
import dev.parley.server.store.postgres.PostgresUrl;
import dev.parley.server.store.sqlite.SqliteStore;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley user add|passwd|del|list|token}. Works on the store directly, so it may run while
 * a server uses the same data directory (SQLite takes turns) or the same PostgreSQL database.
 * Changing a password revokes every token of that user; a deleted user's tokens go with the
 * account. A token minted for a script is printed once; only its hash is stored, and the server
 * looks every request's token up in the store, so a revoked one is refused from the next request.
 */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = "Manage accounts: add, passwd, del, list, token.",
    subcommands = {
      UserCommand.Add.class,
      UserCommand.Passwd.class,
      UserCommand.Del.class,
      UserCommand.ListUsers.class,
      UserCommand.Token.class
    })
public final class UserCommand {

  /** The options every user subcommand takes. */
  static class StoreOptions {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "The server's data directory.", defaultValue = "data")
    Path dataDir;

    @Option(names = "--postgres", paramLabel = "URL", description = "The server's PostgreSQL database (postgresql://USER@HOST:PORT/DATABASE), instead of --data-dir.")
    String postgres;

    <T> T withStore(boolean create, Function<ChatStore, T> work) {
      if (postgres != null) {
        return withPostgres(work);
      }
      if (!create && !Files.isRegularFile(dataDir.resolve(SqliteStore.FILE_NAME))) {
        throw new ConfigException("--data-dir: no Parley store in " + dataDir.toAbsolutePath());
      }
      try {
        Files.createDirectories(dataDir);
      } catch (IOException e) {
        throw new ConfigException("--data-dir: cannot create " + dataDir.toAbsolutePath() + ": " + e.getMessage());
      }
      try (SqliteStore store = SqliteStore.open(dataDir)) {
        return work.apply(store);
      } catch (StoreException e) {
        throw new ConfigException("--data-dir: " + e.getMessage(), e);
      }
    }

    private <T> T withPostgres(Function<ChatStore, T> work) {
      PostgresUrl url;
      try {
        url = PostgresUrl.parse(postgres);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--postgres: " + e.getMessage());
      }
      QuietLogs.install(false); // the pool's and the migrations' progress is no news to an operator here
      try (PostgresStore store = PostgresStore.open(url)) {
        return work.apply(store);
      } catch (StoreException e) {
        throw new ConfigException("--postgres: " + e.getMessage(), e);
      }
    }
  }

  /** Options of the subcommands that set a password. */
  static class PasswordOptions extends StoreOptions {
    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    String readPassword() {
      String password = passwordStdin ? firstLineOfStdin() : prompt();
      if (password.codePointCount(0, password.length()) < Authenticator.MIN_PASSWORD) {
        throw new ConfigException("a password needs at least " + Authenticator.MIN_PASSWORD + " characters");
      }
      return password;
    }

    private static String firstLineOfStdin() {
      try {
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
          throw new ConfigException("--password-stdin: standard input is empty");
        }
        return line;
      } catch (IOException e) {
        throw new ConfigException("--password-stdin: " + e.getMessage());
      }
    }

    private static String prompt() {
      Console console = System.console();
      if (console == null) {
        throw new ConfigException("no terminal to ask for the password: use --password-stdin");
      }
      char[] first = console.readPassword("Password: ");
      char[] again = console.readPassword("Again: ");
      if (first == null || !Arrays.equals(first, again)) {
        throw new ConfigException("the passwords differ");
      }
      return new String(first);
    }
  }

  static String key(String name) {
    if (!Names.isValidUser(name)) {
      throw new ConfigException("invalid user name '" + name + "': 1-32 of A-Z a-z 0-9 _ - .");
    }
    return Names.key(name);
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add an account.")
  static final class Add extends PasswordOptions implements Runnable {
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public void run() {
      String key = key(name);
      String hash = PasswordHasher.owaspBaseline().hash(readPassword());
      boolean added = withStore(true, store -> store.accountStore().createAccount(name, key, hash).isPresent());
      if (!added) {
        throw new ConfigException("user " + name + " exists already");
      }
      System.out.println("added " + name);
    }
  }

  @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a new password; revokes the user's tokens.")
  static final class Passwd extends PasswordOptions implements Runnable {
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public void run() {
      String key = key(name);
      String hash = PasswordHasher.owaspBaseline().hash(readPassword());
      if (!withStore(false, store -> store.accountStore().changePassword(key, hash))) {
        throw new ConfigException("no user " + name);
      }
      System.out.println("changed the password of " + name + " and revoked their tokens");
    }
  }

  @Command(name = "del", mixinStandardHelpOptions = true, description = "Delete an account and its tokens.")
  static final class Del extends StoreOptions implements Runnable {
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public void run() {
      String key = key(name);
      if (!withStore(false, store -> store.accountStore().deleteAccount(key))) {
        throw new ConfigException("no user " + name);
      }
      System.out.println("deleted " + name);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts, one name a line.")
  static final class ListUsers extends StoreOptions implements Runnable {
    @Override
    public void run() {
      withStore(false, store -> store.accountStore().accounts()).forEach(a -> System.out.println(a.name()));
    }
  }

  @Command(
      name = "token",
      mixinStandardHelpOptions = true,
      description = {
        "Mint a login token for a script (the HTTP API, UDP) and print it once, or revoke one.",
        "Only the token's hash is stored: it cannot be shown again."
      })
  static final class Token extends StoreOptions implements Runnable {
    static final int DEFAULT_DAYS = 365;

    @Parameters(paramLabel = "NAME") String name;

    @Option(names = "--revoke", paramLabel = "TOKEN", description = "Revoke this token of the user instead.")
    String revoke;

    @Option(names = "--days", paramLabel = "N", description = "Days the new token is valid (default: ${DEFAULT-VALUE}).",
        defaultValue = "" + DEFAULT_DAYS)
    int days;

    @Override
    public void run() {
      String key = key(name);
      if (revoke != null) {
        String hash = Tokens.hash(revoke.strip());
        boolean revoked = withStore(false, store -> {
          var holder = store.accountStore().tokenAccount(hash, 0);
          if (holder.isEmpty() || !holder.get().key().equals(key)) {
            return false;
          }
          store.accountStore().revokeToken(hash);
          return true;
        });
        if (!revoked) {
          throw new ConfigException("--revoke: " + name + " has no such token");
        }
        System.out.println("revoked the token of " + name);
        return;
      }
      if (days < 1 || days > 36_500) {
        throw new ConfigException("--days: give a number of days from 1 to 36500");
      }
      String token = new Tokens().newToken();
      long expires = System.currentTimeMillis() + java.time.Duration.ofDays(days).toMillis();
      boolean minted = withStore(false, store -> {
        if (store.accountStore().account(key).isEmpty()) {
          return false;
        }
        store.accountStore().saveToken(Tokens.hash(token), key, expires);
        return true;
      });
      if (!minted) {
        throw new ConfigException("no user " + name);
      }
      System.out.println(token);
    }
  }
}
