package dev.parley.client;

/**
 * How the client logs in the first time. After the first {@code welcome} it logs in again with
 * the token the server gave it (registered users) or the same name (guests).
 */
public sealed interface Credentials {

  /** The name the client asks for. */
  String user();

  /** A guest: no account, no password, no private messages. */
  record Guest(String user) implements Credentials {}

  /** A registered user with a password. */
  record Password(String user, String password) implements Credentials {
    @Override
    public String toString() {
      return "Password[user=" + user + "]";
    }
  }

  /**
   * Creates the account (password of at least 8 characters), then logs in. {@code bot} marks
   * the account as a bot's (see {@code docs/bots.md}).
   */
  record Register(String user, String password, boolean bot) implements Credentials {
    public Register(String user, String password) {
      this(user, password, false);
    }

    @Override
    public String toString() {
      return "Register[user=" + user + "]";
    }
  }

  /** A token from an earlier {@code welcome}. */
  record Token(String token) implements Credentials {
    @Override
    public String user() {
      return null;
    }

    @Override
    public String toString() {
      return "Token[…]";
    }
  }

  static Credentials guest(String user) {
    return new Guest(user);
  }

  static Credentials password(String user, String password) {
    return new Password(user, password);
  }

  static Credentials register(String user, String password) {
    return new Register(user, password);
  }

  /** As {@link #register}, the account being a bot's: its messages carry {@code "bot":true}. */
  static Credentials registerBot(String user, String password) {
    return new Register(user, password, true);
  }

  static Credentials token(String token) {
    return new Token(token);
  }
}
