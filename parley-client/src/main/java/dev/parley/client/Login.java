package dev.parley.client;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;

/**
 * How to log in on each connection: the credentials the first time, then the token from the
 * last {@code welcome} (the guest name for guests), and what to do when the server refuses.
 * Owned by the client's loop.
 */
final class Login {
  /** What to do about a refused login. */
  enum Next {
    /** Send another login on the same connection (a token failed; the password remains). */
    AGAIN_NOW,
    /** Something passing (busy server, our own old connection still holding a guest name). */
    RECONNECT_LATER,
    /** Retrying cannot help: the credentials are wrong. */
    GIVE_UP
  }

  private final Credentials credentials;
  private String token;
  private boolean welcomed;
  private int registerAttempts;
  private boolean registerMayHaveWorked;

  Login(Credentials credentials) {
    this.credentials = credentials;
    this.token = credentials instanceof Credentials.Token t ? t.token() : null;
  }

  ClientFrame frame(String ref) {
    if (token != null) {
      return new ClientFrame.Hello(null, null, token, ref);
    }
    if (credentials instanceof Credentials.Guest g) {
      return new ClientFrame.Hello(g.user(), null, null, ref);
    }
    if (credentials instanceof Credentials.Password p) {
      return new ClientFrame.Hello(p.user(), p.password(), null, ref);
    }
    Credentials.Register r = (Credentials.Register) credentials;
    if (welcomed || registerMayHaveWorked) {
      return new ClientFrame.Hello(r.user(), r.password(), null, ref);
    }
    registerAttempts++;
    return new ClientFrame.Register(r.user(), r.password(), r.bot(), ref);
  }

  void welcomed(ServerFrame.Welcome welcome) {
    welcomed = true;
    if (welcome.token() != null) {
      token = welcome.token();
    }
  }

  Next refused(ErrorCode code) {
    boolean hasPassword =
        credentials instanceof Credentials.Password || credentials instanceof Credentials.Register;
    if (code == ErrorCode.AUTH_FAILED && token != null && hasPassword) {
      token = null; // expired or revoked: fall back to the password
      return Next.AGAIN_NOW;
    }
    if (code == ErrorCode.USER_EXISTS && registerAttempts > 1 && !registerMayHaveWorked) {
      registerMayHaveWorked = true; // an earlier attempt was stored but its welcome was lost
      return Next.AGAIN_NOW;
    }
    if (code == ErrorCode.RATE_LIMITED || code == ErrorCode.INTERNAL) {
      return Next.RECONNECT_LATER;
    }
    if (code == ErrorCode.NAME_TAKEN && welcomed) {
      return Next.RECONNECT_LATER;
    }
    return Next.GIVE_UP;
  }

  /** The name to show before the first welcome. */
  String user() {
    return credentials.user();
  }
}
