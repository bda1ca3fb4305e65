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

  /** Creates the account (password of at least 8 characters), then logs in. */
  record Register(String user, String password) implements Credentials {
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

  static Credentials token(String token) {
    return new Token(token);
  }
}
