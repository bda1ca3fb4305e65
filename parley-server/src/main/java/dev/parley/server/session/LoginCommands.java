package dev.parley.server.session;

import dev.parley.protocol.ByeReason;
import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Names;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.auth.Login;
import dev.parley.server.store.RoomInfo;

/**
 * {@code hello} and {@code register}. The authenticator's blocking work runs on the auth pool
 * with the session suspended; the welcome, the registry entry and the private conversations
 * follow back on the session's executor.
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
    s.suspendFor(() -> auth.hello(hello, host), login -> finish(s, login, hello.ref()), hello.ref());
  }

  static void register(Session s, ClientFrame.Register register) {
    if (s.isLoggedIn()) {
      s.reject(ErrorCode.BAD_REQUEST, "already logged in", register.ref());
      return;
    }
    if (s.services().registry().guestHolds(Names.key(register.user()))) {
      s.reject(ErrorCode.NAME_TAKEN, "a connected guest is using that name", register.ref());
      return;
    }
    var auth = s.services().authenticator();
    s.suspendFor(
        () -> auth.register(register), login -> finish(s, login, register.ref()), register.ref());
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
      s.reject(refused.code(), refused.message(), ref);
      return;
    }
    Login.Accepted ok = (Login.Accepted) login;
    SessionRegistry registry = s.services().registry();
    if (ok.guest()) {
      if (!registry.claimGuest(ok.key(), s)) {
        s.reject(ErrorCode.NAME_TAKEN, "someone connected is using that name", ref);
        return;
      }
    } else {
      registry.add(ok.key(), s);
    }
    s.loggedIn(ok.user(), ok.key(), ok.guest(), ok.token());
    var services = s.services();
    s.reply(
        new ServerFrame.Welcome(
            ok.user(),
            SessionServices.PROTOCOL,
            SessionServices.SERVER_NAME,
            services.heartbeatSeconds(),
            ok.token(),
            ok.directRooms().stream().map(r -> new ServerFrame.RoomLast(r.name(), r.last())).toList(),
            ref));
    for (RoomInfo direct : ok.directRooms()) {
      s.rooms().add(direct.name());
      services.hub().attach(s, direct.name());
    }
  }
}
