package dev.parley.server.transport.irc;

import dev.parley.protocol.ByeReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.transport.irc.IrcClient.Kind;
import dev.parley.server.transport.irc.IrcClient.Pending;

/** The protocol's errors as IRC numerics, phrased by the request they answer. */
final class IrcErrors {
  private final IrcClient client;
  private final IrcRegistration registration;

  IrcErrors(IrcClient client, IrcRegistration registration) {
    this.client = client;
    this.registration = registration;
  }

  void error(ServerFrame.Error e, Pending request, IrcLink link) {
    ErrorCode code = e.code();
    String message = e.message() == null ? code.wireName() : e.message();
    if (request != null && request.kind() == Kind.HELLO) {
      registration.refused(code, request.target(), link);
      return;
    }
    if (code == ErrorCode.TOO_LARGE) {
      link.line(client.numeric("417", "Input line was too long"));
      return;
    }
    if (request == null) {
      if (code == ErrorCode.RATE_LIMITED) {
        link.closeWith(message); // over the connections of its address: the session closes it
      } else {
        notice(message, link);
      }
      return;
    }
    String target = request.target();
    String channel = target.startsWith("#") ? target : IrcClient.channel(target);
    switch (request.kind()) {
      case JOIN -> link.line(switch (code) {
        case FORBIDDEN -> client.numeric("474", channel, "Cannot join channel (+b): " + message);
        case INVALID_NAME -> client.numeric("479", channel, "Illegal channel name: " + message);
        default -> client.numeric("403", channel, message);
      });
      case PART -> link.line(code == ErrorCode.NOT_IN_ROOM
          ? client.numeric("442", channel, "You're not on that channel")
          : client.numeric("403", channel, message));
      case SEND, NOTICE -> link.line(code == ErrorCode.RATE_LIMITED
          ? notice("Message to " + channel + " not sent: " + message)
          : client.numeric("404", channel, "Cannot send to channel: " + message));
      case DM -> link.line(code == ErrorCode.NO_SUCH_USER || code == ErrorCode.INVALID_NAME
          ? client.numeric("401", target, "No such nick (private messages go to registered users)")
          : client.numeric("404", target, "Cannot send: " + message));
      case MODERATE, TOPIC -> link.line(switch (code) {
        case FORBIDDEN -> client.numeric("482", channel, "You're not channel operator");
        case NOT_IN_ROOM -> client.numeric("442", channel, "You're not on that channel");
        default -> client.numeric("401", channel, message);
      });
      case HISTORY -> link.line("FAIL CHATHISTORY " + (code == ErrorCode.FORBIDDEN ? "INVALID_TARGET " : "MESSAGE_ERROR ")
          + target + " :" + message);
      default -> notice(message, link);
    }
  }

  private void notice(String message, IrcLink link) {
    link.line(notice(message));
  }

  private String notice(String message) {
    return ":" + IrcClient.SERVER + " NOTICE " + client.me() + " :*** " + message;
  }

  /** The reason of a {@code bye}, as IRC servers word it in {@code ERROR :Closing Link}. */
  static String byeText(ByeReason reason) {
    if (reason == null) {
      return "Closed";
    }
    return switch (reason) {
      case SHUTDOWN -> "Server shutting down";
      case SLOW_CONSUMER -> "SendQ exceeded";
      case IDLE -> "Ping timeout";
      case TOO_MANY_ERRORS -> "Too many errors";
      case LOGOUT -> "Logged out";
      case PASSWORD_CHANGED -> "Password changed";
      case ACCOUNT_DELETED -> "Account deleted";
      case NAME_REGISTERED -> "Nick registered by someone else";
    };
  }
}
