package dev.parley.server.auth;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.Names;
import dev.parley.server.store.Account;
import dev.parley.server.store.AccountStore;
import dev.parley.server.store.MessageStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides {@code hello} and {@code register}: checks passwords and tokens, creates accounts,
 * and issues tokens, storing both durably before it returns. Blocking; thread-safe. Whether a
 * guest name is already used by a connected guest is the session registry's business, not this
 * class's.
 */
public final class Authenticator {
  public static final int MIN_PASSWORD = 8;
  public static final Duration TOKEN_LIFETIME = Duration.ofDays(30);

  private final AccountStore accounts;
  private final MessageStore messages;
  private final PasswordHasher hasher;
  private final Tokens tokens = new Tokens();
  private final boolean guestsAllowed;
  private final Clock clock;
  private final LoginThrottle throttle;
  /** Verified against when the user does not exist, so a miss costs as much as a hit. */
  private final String decoyHash;

  public Authenticator(
      AccountStore accounts,
      MessageStore messages,
      PasswordHasher hasher,
      boolean guestsAllowed,
      Clock clock) {
    this.accounts = accounts;
    this.messages = messages;
    this.hasher = hasher;
    this.guestsAllowed = guestsAllowed;
    this.clock = clock;
    this.throttle = new LoginThrottle(LoginThrottle.Limits.standard(), clock);
    this.decoyHash = hasher.hash("decoy password, never matches a real one");
  }

  /**
   * Decides a {@code hello} from {@code host}. Password and token attempts go through the
   * throttle (see {@link LoginThrottle}): while locked after repeated failures, the attempt is
   * refused with {@code rate_limited} unchecked.
   */
  public Login hello(ClientFrame.Hello hello, String host) {
    String userKey = hello.user() == null ? null : Names.key(hello.user());
    if (hello.isGuest()) {
      return guest(hello.user());
    }
    // A token cannot be guessed, so only the host's count applies to token logins: a guesser
    // who locked a user's password logins does not lock out the user's devices.
    String throttled = hello.token() != null ? null : userKey;
    long wait = throttle.waitMillis(throttled, host);
    if (wait > 0) {
      return refused(ErrorCode.RATE_LIMITED,
          "too many failed logins; try again in " + ((wait + 999) / 1000) + " s");
    }
    Login login = hello.token() != null ? withToken(hello) : withPassword(hello, userKey);
    if (login instanceof Login.Accepted ok) {
      throttle.succeeded(ok.key(), host);
    } else {
      throttle.failed(throttled, host);
    }
    return login;
  }

  private Login withPassword(ClientFrame.Hello hello, String userKey) {
    Optional<Account> account = accounts.account(userKey);
    boolean matches = hasher.verify(hello.password(), account.map(Account::passwordHash).orElse(decoyHash));
    if (account.isEmpty() || !matches) {
      return refused(ErrorCode.AUTH_FAILED, "wrong user name or password");
    }
    return accepted(account.get(), issueToken(account.get()));
  }

  /**
   * The account a bearer token stands for, for requests that have no login of their own (the
   * HTTP API, UDP): checked against the store on every call (so a revoked token, or one of an
   * account whose password changed, is refused at once), and throttled per host like a token
   * {@code hello}. The answer carries no private conversations.
   */
  public Login bearer(String token, String host) {
    long wait = throttle.waitMillis(null, host);
    if (wait > 0) {
      return refused(ErrorCode.RATE_LIMITED,
          "too many failed logins; try again in " + ((wait + 999) / 1000) + " s");
    }
    Optional<Account> account = token.isEmpty() || token.length() > FrameCodec.MAX_SECRET
        ? Optional.empty()
        : accounts.tokenAccount(Tokens.hash(token), clock.millis());
    if (account.isEmpty()) {
      throttle.failed(null, host);
      return refused(ErrorCode.AUTH_FAILED, "the token is not valid");
    }
    Account a = account.get();
    throttle.succeeded(a.key(), host);
    return new Login.Accepted(a.name(), a.key(), a.id(), a.generation(), token, List.of(), Map.of(), a.bot());
  }

  /** Decides a {@code register} from {@code host}; the host becomes known for the new user. */
  public Login register(ClientFrame.Register register, String host) {
    if (register.password().codePointCount(0, register.password().length()) < MIN_PASSWORD) {
      return refused(
          ErrorCode.WEAK_PASSWORD, "a password needs at least " + MIN_PASSWORD + " characters");
    }
    String key = Names.key(register.user());
    Optional<Account> taken = accounts.accountOrLookAlike(register.user());
    if (taken.isPresent()) {
      return refused(ErrorCode.USER_EXISTS, taken.get().key().equals(key)
          ? "that name is registered already"
          : "that name is too like the registered name " + taken.get().name() + "; choose another");
    }
    Optional<Account> created =
        accounts.createAccount(register.user(), key, hasher.hash(register.password()), register.bot());
    if (created.isEmpty()) {
      return refused(ErrorCode.USER_EXISTS, "that name is registered already");
    }
    throttle.succeeded(key, host);
    return accepted(created.get(), issueToken(created.get()));
  }

  /** Whether a guest {@code hello} may be accepted at all. */
  public boolean guestsAllowed() {
    return guestsAllowed;
  }

  /** Revokes a token, so it no longer logs anyone in. */
  public void logout(String token) {
    accounts.revokeToken(Tokens.hash(token));
  }

  private Login withToken(ClientFrame.Hello hello) {
    Optional<Account> account = accounts.tokenAccount(Tokens.hash(hello.token()), clock.millis());
    if (account.isEmpty()
        || (hello.user() != null && !account.get().key().equals(Names.key(hello.user())))) {
      return refused(ErrorCode.AUTH_FAILED, "the token is not valid");
    }
    return accepted(account.get(), hello.token());
  }

  /**
   * A guest may take any name that is not a registered user's, nor a look-alike of one (which
   * would let a guest pass for that user).
   */
  private Login guest(String user) {
    if (!guestsAllowed) {
      return refused(ErrorCode.AUTH_FAILED, "this server admits registered users only");
    }
    String key = Names.key(user);
    Optional<Account> registered = accounts.accountOrLookAlike(user);
    if (registered.isPresent() && registered.get().key().equals(key)) {
      return refused(ErrorCode.AUTH_FAILED, "that name is registered; log in with its password");
    }
    if (registered.isPresent()) {
      return refused(ErrorCode.NAME_TAKEN,
          "that name is too like the registered name " + registered.get().name() + "; choose another");
    }
    return Login.Accepted.guest(user, key);
  }

  private String issueToken(Account account) {
    String token = tokens.newToken();
    accounts.saveToken(
        Tokens.hash(token), account.key(), clock.millis() + TOKEN_LIFETIME.toMillis());
    return token;
  }

  private Login accepted(Account account, String token) {
    return new Login.Accepted(
        account.name(),
        account.key(),
        account.id(),
        account.generation(),
        token,
        messages.directRooms(account.key()),
        messages.directFloors(account.key()),
        account.bot(),
        messages.readMarkers(account.key() + "#" + account.id()));
  }

  private static Login refused(ErrorCode code, String message) {
    return new Login.Refused(code, message);
  }
}
