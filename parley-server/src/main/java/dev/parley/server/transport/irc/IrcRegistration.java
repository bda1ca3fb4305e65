package dev.parley.server.transport.irc;

import dev.parley.protocol.ErrorCode;
import dev.parley.server.ServerConfig;
import dev.parley.server.transport.irc.IrcClient.Kind;
import dev.parley.server.transport.irc.IrcClient.Login;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Registration: CAP negotiation, SASL PLAIN, PASS, NICK and USER, ending in one {@code hello}
 * to the session and, once it is welcomed, the welcome numerics.
 */
final class IrcRegistration {
  static final String CAPS = "sasl server-time message-tags echo-message batch draft/chathistory";
  private static final java.util.Set<String> CAP_NAMES = java.util.Set.of(CAPS.split(" "));
  /** SASL's chunk size: a chunk this long means more follow. */
  private static final int SASL_CHUNK = 400;
  private static final int MAX_SASL = 1400;

  private final IrcClient client;
  private final boolean guestsAllowed;

  IrcRegistration(IrcClient client, boolean guestsAllowed) {
    this.client = client;
    this.guestsAllowed = guestsAllowed;
  }

  void cap(IrcMessage m, IrcLink link) {
    String sub = m.param(0) == null ? "" : m.param(0).toUpperCase(Locale.ROOT);
    String target = client.registered ? client.me() : "*";
    switch (sub) {
      case "LS" -> {
        client.capNegotiating = !client.registered;
        boolean v302 = m.param(1) != null && m.param(1).compareTo("302") >= 0;
        link.line(":" + IrcClient.SERVER + " CAP " + target + " LS :" + (v302 ? CAPS.replace("sasl", "sasl=PLAIN") : CAPS));
      }
      case "REQ" -> {
        client.capNegotiating = !client.registered;
        String wanted = m.param(1) == null ? "" : m.param(1).trim();
        boolean known = true;
        for (String cap : wanted.split(" +")) {
          known &= CAP_NAMES.contains(cap.startsWith("-") ? cap.substring(1) : cap);
        }
        if (known) {
          for (String cap : wanted.split(" +")) {
            if (cap.startsWith("-")) {
              client.caps.remove(cap.substring(1));
            } else {
              client.caps.add(cap);
            }
          }
        }
        link.line(":" + IrcClient.SERVER + " CAP " + target + (known ? " ACK :" : " NAK :") + wanted);
      }
      case "LIST" -> link.line(":" + IrcClient.SERVER + " CAP " + target + " LIST :" + String.join(" ", client.caps));
      case "END" -> {
        client.capNegotiating = false;
        tryRegister(link);
      }
      default -> link.line(client.numeric("410", sub, "Invalid CAP command"));
    }
  }

  void authenticate(IrcMessage m, IrcLink link) {
    String arg = m.param(0);
    if (client.account != null || client.registered) {
      link.line(client.numeric("907", "You have already authenticated"));
    } else if (arg == null) {
      link.line(client.numeric("461", "AUTHENTICATE", "Not enough parameters"));
    } else if (arg.equals("*")) {
      client.sasl = null;
      link.line(client.numeric("906", "SASL authentication aborted"));
    } else if (client.sasl == null) {
      if (arg.equalsIgnoreCase("PLAIN")) {
        client.sasl = new StringBuilder();
        link.line("AUTHENTICATE +");
      } else {
        link.line(client.numeric("908", "PLAIN", "are available SASL mechanisms"));
        link.line(client.numeric("904", "SASL authentication failed"));
      }
    } else {
      if (!arg.equals("+")) {
        client.sasl.append(arg);
      }
      if (client.sasl.length() > MAX_SASL) {
        client.sasl = null;
        link.line(client.numeric("905", "SASL message too long"));
      } else if (arg.length() < SASL_CHUNK) {
        plain(client.sasl.toString(), link);
        client.sasl = null;
      }
    }
  }

  /** authzid NUL authcid NUL password; the authorisation identity, if any, must be the user. */
  private void plain(String base64, IrcLink link) {
    String[] parts;
    try {
      parts = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8).split("\0", -1);
    } catch (IllegalArgumentException e) {
      parts = new String[0];
    }
    if (parts.length != 3 || parts[1].isEmpty() || !(parts[0].isEmpty() || parts[0].equals(parts[1]))) {
      link.line(client.numeric("904", "SASL authentication failed"));
      return;
    }
    client.login = Login.SASL;
    client.helloPending = true;
    link.frame("type", "hello", "user", parts[1], "password", parts[2], "ref", client.request(Kind.HELLO, parts[1], 0));
  }

  void pass(IrcMessage m, IrcLink link) {
    if (client.registered || client.account != null) {
      link.line(client.numeric("462", "You may not reregister"));
      return;
    }
    String pass = m.param(0);
    if (pass == null) {
      link.line(client.numeric("461", "PASS", "Not enough parameters"));
      return;
    }
    int colon = pass.indexOf(':');
    if (colon > 0 && pass.substring(0, colon).matches("[A-Za-z0-9_.-]{1,32}")) {
      client.passUser = pass.substring(0, colon);
      pass = pass.substring(colon + 1);
    }
    client.password = pass;
    client.login = Login.PASS;
  }

  void nick(IrcMessage m, IrcLink link) {
    String nick = m.param(0);
    if (nick == null || nick.isEmpty()) {
      link.line(client.numeric("431", "No nickname given"));
    } else if (client.registered) {
      if (!nick.equalsIgnoreCase(client.me())) {
        link.line(client.numeric("447", nick, "Your nick is your Parley name and cannot change"));
      }
    } else {
      client.nick = nick;
      tryRegister(link);
    }
  }

  void user(IrcMessage m, IrcLink link) {
    if (client.registered) {
      link.line(client.numeric("462", "You may not reregister"));
    } else if (m.params().size() < 4) {
      link.line(client.numeric("461", "USER", "Not enough parameters"));
    } else {
      client.userGiven = true;
      tryRegister(link);
    }
  }

  /** Logs in, or sends the welcome, once NICK, USER and CAP negotiation are done. */
  void tryRegister(IrcLink link) {
    if (client.registered || client.nick == null || !client.userGiven || client.capNegotiating) {
      return;
    }
    if (client.account != null) {
      welcome(link);
    } else if (!client.helloPending) {
      client.helloPending = true;
      if (client.login == Login.PASS) {
        String user = client.passUser != null ? client.passUser : client.nick;
        link.frame("type", "hello", "user", user, "password", client.password, "ref", client.request(Kind.HELLO, user, 0));
      } else {
        link.frame("type", "hello", "user", client.nick, "ref", client.request(Kind.HELLO, client.nick, 0));
      }
    }
  }

  /** The session's {@code welcome}. */
  void welcomed(String user, IrcLink link) {
    client.helloPending = false;
    client.account = user;
    if (client.login == Login.SASL) {
      link.line(client.numeric("900", IrcClient.source(user), user, "You are now logged in as " + user));
      link.line(client.numeric("903", "SASL authentication successful"));
    }
    tryRegister(link);
  }

  /** The session refused the {@code hello}. */
  void refused(ErrorCode code, String nick, IrcLink link) {
    client.helloPending = false;
    if (client.login == Login.SASL) {
      client.login = Login.GUEST;
      link.line(client.numeric("904", "SASL authentication failed"));
      return;
    }
    switch (code) {
      case NAME_TAKEN -> link.line(client.numeric("433", nick, "Nickname is already in use"));
      case INVALID_NAME -> link.line(client.numeric("432", nick, "Erroneous nickname: use A-Z a-z 0-9 _ - . only"));
      case AUTH_FAILED -> {
        if (client.login == Login.GUEST && guestsAllowed) {
          link.line(client.numeric("433", nick, "Nickname is a registered Parley user: log in with SASL or PASS"));
        } else {
          link.line(client.numeric("464", client.login == Login.PASS ? "Password incorrect" : "This server needs an account: log in with SASL or PASS"));
          link.closeWith("Bad password");
        }
      }
      default -> link.closeWith("Could not log in, try again later");
    }
  }

  private void welcome(IrcLink link) {
    client.registered = true;
    String me = client.me();
    link.line(client.numeric("001", "Welcome to Parley, " + me));
    link.line(client.numeric("002", "Your host is " + IrcClient.SERVER + ", running version parley-" + ServerConfig.VERSION));
    link.line(client.numeric("003", "This server is a Parley chat server speaking IRC"));
    link.line(":" + IrcClient.SERVER + " 004 " + me + " " + IrcClient.SERVER + " parley-" + ServerConfig.VERSION + " i bnot");
    link.line(":" + IrcClient.SERVER + " 005 " + me
        + " CHANTYPES=# CASEMAPPING=ascii NICKLEN=32 CHANNELLEN=65 TOPICLEN=300 PREFIX=(o)@"
        + " CHANMODES=b,,,nt NETWORK=Parley CHATHISTORY=200 MSGREFTYPES=msgid UTF8ONLY"
        + " :are supported by this server");
    link.line(client.numeric("375", "- " + IrcClient.SERVER + " Message of the day -"));
    link.line(client.numeric("372", "- Channels are Parley rooms: /join #1001 is room 1001."));
    link.line(client.numeric("372", "- Joining replays the room's recent messages."));
    link.line(client.numeric("376", "End of /MOTD command."));
  }
}
