package dev.parley.server.session;

import dev.parley.protocol.ByeReason;
import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Names;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.auth.Login;
import dev.parley.server.cluster.GuestNames;
import dev.parley.server.store.AccountEvent;
import dev.parley.server.store.RoomInfo;

/**
 * {@code hello} and {@code register}. A guest's name, or a name being registered, is claimed in
 * the registry first, so the two can never both win a name; the authenticator's blocking work
 * runs on the auth pool with the session suspended; the welcome, the registry entry and the
 * private conversations follow back on the session's executor.
 */
final class LoginCommands {
  private LoginCommands() {}

  static void hello(Session s, ClientFrame.Hello hello) {
    if (s.isLoggedIn()) {
      s.reject(ErrorCode.BAD_REQUEST, "already logged in", hello.ref());
      return;
    }
    var auth = s.services().authenticator();
    String host = s.remoteHost();
    if (!(hello.isGuest() && auth.guestsAllowed())) {
      s.suspendFor(() -> auth.hello(hello, host), login -> finish(s, login, hello.ref()), s::releaseName, hello.ref());
      return;
    }
    // A guest's name is claimed here first, then across the cluster (on the auth pool: it may
    // ask Redis), then checked against the accounts.
    String key = Names.key(hello.user());
    if (!hold(s, key, s.services().registry()::claimGuest, hello.ref())) {
      return;
    }
    GuestNames names = s.services().guestNames();
    s.suspendFor(() -> {
      if (!names.claim(key)) {
        return new Login.Refused(ErrorCode.NAME_TAKEN, "someone connected is using or registering that name");
      }
      Login login = auth.hello(hello, host);
      if (login instanceof Login.Refused) {
        names.release(key);
      }
      return login;
    }, login -> finish(s, login, hello.ref()), () -> {
      s.releaseName();
      names.release(key);
    }, hello.ref());
  }

  static void register(Session s, ClientFrame.Register register) {
    if (s.isLoggedIn()) {
      s.reject(ErrorCode.BAD_REQUEST, "already logged in", register.ref());
      return;
    }
    var services = s.services();
    String host = s.remoteHost();
    if (!services.registrations().tryAcquire(host)) {
      s.reject(ErrorCode.RATE_LIMITED, "too many new accounts from your address; try again later", register.ref());
      return;
    }
    if (!hold(s, Names.key(register.user()), services.registry()::reserve, register.ref())) {
      return;
    }
    var auth = services.authenticator();
    String key = Names.key(register.user());
    GuestNames names = services.guestNames();
    // A guest of the name on another node of a cluster holds it too; it is held here while the
    // account is made, then let go (an account's name needs no claim).
    s.suspendFor(services.registrationPool(), () -> {
      if (!names.claim(key)) {
        return new Login.Refused(ErrorCode.NAME_TAKEN, "someone connected is using or registering that name");
      }
      try {
        return auth.register(register, host);
      } finally {
        names.release(key);
      }
    }, login -> {
      finish(s, login, register.ref());
      if (login instanceof Login.Accepted created) {
        // What the account's creation means for others connected applies now, not at the
        // change log's next reading: an earlier namesake's connections go at once.
        s.services().accountChanges().apply(new AccountEvent(
            0, AccountEvent.Kind.CREATED, created.key(), created.accountId(), created.generation()), true);
      }
    }, s::releaseName, register.ref());
  }

  private interface Claim {
    boolean claim(String key, Session s);
  }

  /** Claims a name for the login in progress; answers {@code name_taken} when it cannot. */
  private static boolean hold(Session s, String key, Claim claim, String ref) {
    s.releaseName(); // a login refused earlier on this connection may have held another
    if (!claim.claim(key, s)) {
      s.reject(ErrorCode.NAME_TAKEN, "someone connected is using or registering that name", ref);
      return false;
    }
    s.holdName(key);
    return true;
  }

  /** Revokes this connection's token, then says {@code bye logout}; a guest just leaves. */
  static void logout(Session s, ClientFrame.Logout logout) {
    String token = s.token();
    if (token == null) {
      s.bye(ByeReason.LOGOUT);
      return;
    }
    var auth = s.services().authenticator();
    s.suspendFor(() -> {
      auth.logout(token);
      return token;
    }, revoked -> s.bye(ByeReason.LOGOUT), logout.ref());
  }

  private static void finish(Session s, Login login, String ref) {
    if (login instanceof Login.Refused refused) {
      s.releaseName();
      s.reject(refused.code(), refused.message(), ref);
      return;
    }
    Login.Accepted ok = (Login.Accepted) login;
    var services = s.services();
    s.loggedIn(ok);
    s.nameTaken();
    if (!ok.guest()) {
      Session guest = services.registry().addAccount(ok.key(), s);
      if (guest != null) {
        guest.bye(ByeReason.NAME_REGISTERED); // the account was made elsewhere while it was there
      }
    }
    s.reply(
        new ServerFrame.Welcome(
            ok.user(),
            SessionServices.PROTOCOL,
            SessionServices.SERVER_NAME,
            services.heartbeatSeconds(),
            ok.token(),
            ok.directRooms().stream()
                .map(r -> new ServerFrame.RoomLast(r.name(), r.last(), Math.min(r.last(), s.readUpTo(r.name()))))
                .toList(),
            ref));
    for (RoomInfo direct : ok.directRooms()) {
      s.rooms().asked(direct.name());
      services.hub().attach(s, direct.name());
    }
    if (!ok.guest()) {
      ByeReason outdated = services.accountChanges().outdated(ok.accountId(), ok.generation());
      if (outdated != null) {
        s.bye(outdated); // the account changed while this login was being checked
      }
    }
  }
}
