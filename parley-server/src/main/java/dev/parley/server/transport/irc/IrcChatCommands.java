package dev.parley.server.transport.irc;

import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.Moderation;
import dev.parley.server.transport.irc.IrcClient.Kind;
import java.util.Locale;

/** The commands of a registered client: channels, messages, queries and moderation. */
final class IrcChatCommands {
  private final IrcClient client;

  IrcChatCommands(IrcClient client) {
    this.client = client;
  }

  /** The room a channel names, or {@code null} (after answering 403) when it names none. */
  private String room(String channel, IrcLink link) {
    if (channel == null || channel.length() < 2 || !channel.startsWith("#") || channel.startsWith("#dm:")) {
      link.line(client.numeric("403", channel == null ? "*" : channel, "No such channel"));
      return null;
    }
    return channel.substring(1);
  }

  void join(IrcMessage m, IrcLink link) {
    if (m.param(0) == null) {
      link.line(client.numeric("461", "JOIN", "Not enough parameters"));
      return;
    }
    for (String channel : m.param(0).split(",")) {
      String room = room(channel, link);
      if (room != null) {
        link.frame("type", "join", "room", room, "ref", client.request(Kind.JOIN, room, 0));
      }
    }
  }

  void part(IrcMessage m, IrcLink link) {
    if (m.param(0) == null) {
      link.line(client.numeric("461", "PART", "Not enough parameters"));
      return;
    }
    for (String channel : m.param(0).split(",")) {
      String room = room(channel, link);
      if (room != null) {
        link.frame("type", "leave", "room", room, "ref", client.request(Kind.PART, room, 0));
      }
    }
  }

  /** PRIVMSG and NOTICE: to a channel a send, to a nick a private message. */
  void message(IrcMessage m, IrcLink link) {
    boolean notice = m.command().equals("NOTICE");
    if (m.param(0) == null) {
      if (!notice) {
        link.line(client.numeric("411", "No recipient given (" + m.command() + ")"));
      }
      return;
    }
    String text = m.param(1) == null ? null : IrcText.fromIrc(m.param(1));
    if (text == null) {
      return; // a CTCP request other than ACTION: not chat
    }
    if (text.isBlank()) {
      if (!notice) {
        link.line(client.numeric("412", "No text to send"));
      }
      return;
    }
    for (String target : m.param(0).split(",")) {
      if (target.startsWith("#")) {
        String room = room(target, link);
        if (room != null) {
          link.frame("type", "send", "room", room, "text", text, "ref", client.request(notice ? Kind.NOTICE : Kind.SEND, room, 0));
        }
      } else {
        link.frame("type", "dm", "to", target, "text", text, "ref", client.request(notice ? Kind.NOTICE : Kind.DM, target, 0));
      }
    }
  }

  void topic(IrcMessage m, IrcLink link) {
    String room = room(m.param(0), link);
    if (room == null) {
      return;
    }
    if (m.param(1) != null) {
      link.frame("type", "topic", "room", room, "text", m.param(1), "ref", client.request(Kind.TOPIC, m.param(0), 0));
    } else if (client.topics.containsKey(room)) {
      link.line(client.numeric("332", m.param(0), client.topics.get(room)));
    } else {
      link.line(client.numeric("331", m.param(0), "No topic is set"));
    }
  }

  void names(IrcMessage m, IrcLink link) {
    names(m, link, Kind.NAMES);
  }

  void who(IrcMessage m, IrcLink link) {
    String target = m.param(0);
    if (target == null || !target.startsWith("#")) {
      link.line(client.numeric("315", target == null ? "*" : target, "End of WHO list"));
      return;
    }
    names(m, link, Kind.WHO);
  }

  private void names(IrcMessage m, IrcLink link, Kind kind) {
    if (m.param(0) == null) {
      link.line(client.numeric("366", "*", "End of NAMES list"));
      return;
    }
    String room = room(m.param(0).split(",")[0], link);
    if (room != null) {
      link.frame("type", "who", "room", room, "ref", client.request(kind, room, 0));
    }
  }

  void list(IrcMessage m, IrcLink link) {
    link.frame("type", "rooms", "ref", client.request(Kind.LIST, "*", 0));
  }

  /** Queries answer at once; +b, -b and +o on a nick are the owner's ban, unban and op. */
  void mode(IrcMessage m, IrcLink link) {
    String target = m.param(0);
    if (target == null) {
      link.line(client.numeric("461", "MODE", "Not enough parameters"));
      return;
    }
    if (!target.startsWith("#")) {
      link.line(client.numeric("221", "+i"));
      return;
    }
    String room = room(target, link);
    if (room == null) {
      return;
    }
    String change = m.param(1);
    if (change == null) {
      link.line(client.numeric("324", target, "+nt"));
      return;
    }
    String nick = m.param(2) == null ? null : m.param(2).split("!")[0];
    Moderation action =
        switch (change) {
          case "+b" -> Moderation.BAN;
          case "-b" -> Moderation.UNBAN;
          case "+o" -> Moderation.OP;
          default -> null;
        };
    if (nick == null && (change.equals("b") || change.equals("+b"))) {
      link.line(client.numeric("368", target, "End of channel ban list"));
    } else if (action == null || nick == null) {
      link.line(client.numeric("472", change, "is not a mode this server can change"));
    } else {
      link.frame("type", action.wireName(), "room", room, "user", nick, "ref", client.request(Kind.MODERATE, target, action.ordinal()));
    }
  }

  void kick(IrcMessage m, IrcLink link) {
    if (m.param(1) == null) {
      link.line(client.numeric("461", "KICK", "Not enough parameters"));
      return;
    }
    String room = room(m.param(0), link);
    if (room != null) {
      link.frame("type", "kick", "room", room, "user", m.param(1),
          "ref", client.request(Kind.MODERATE, m.param(0), Moderation.KICK.ordinal()));
    }
  }

  /**
   * draft/chathistory over the protocol's {@code history} (ids are gapless, so "after X" is "the
   * N before X+N+1"): LATEST with {@code *} or a msgid, BEFORE and AFTER with a msgid.
   */
  void chathistory(IrcMessage m, IrcLink link) {
    String sub = m.param(0) == null ? "" : m.param(0).toUpperCase(Locale.ROOT);
    String target = m.param(1);
    String ref = m.param(2);
    Integer limit = m.param(3) == null ? null : parseLimit(m.param(3));
    if (target == null || ref == null || limit == null
        || !(sub.equals("LATEST") || sub.equals("BEFORE") || sub.equals("AFTER"))) {
      link.line("FAIL CHATHISTORY INVALID_PARAMS " + sub + " :use LATEST, BEFORE or AFTER with * or msgid= and a limit");
      return;
    }
    String room = target.startsWith("#") ? room(target, link) : directRoom(target);
    Long id = ref.equals("*") && sub.equals("LATEST") ? Long.valueOf(0) : msgid(ref);
    if (room == null) {
      return;
    }
    if (id == null) {
      link.line("FAIL CHATHISTORY INVALID_PARAMS " + ref + " :only msgid= references (and * for LATEST) are supported");
      return;
    }
    Long before =
        switch (sub) {
          case "BEFORE" -> id;
          case "AFTER" -> id + limit + 1;
          default -> null;
        };
    long after = sub.equals("BEFORE") ? 0 : id;
    link.frame("type", "history", "room", room, "before", before, "limit", limit, "ref", client.request(Kind.HISTORY, target, after));
  }

  private String directRoom(String nick) {
    String a = client.me().toLowerCase(Locale.ROOT);
    String b = nick.toLowerCase(Locale.ROOT);
    return "dm:" + (a.compareTo(b) <= 0 ? a + ":" + b : b + ":" + a);
  }

  private static Integer parseLimit(String text) {
    try {
      int n = Integer.parseInt(text);
      return n < 1 ? null : Math.min(n, FrameCodec.MAX_HISTORY_LIMIT);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code msgid=ROOM/ID} as the gateway writes msgids; the id part alone. */
  private static Long msgid(String ref) {
    if (!ref.startsWith("msgid=")) {
      return null;
    }
    String id = ref.substring(ref.lastIndexOf('/') + 1);
    try {
      return Long.parseLong(id.startsWith("msgid=") ? id.substring(6) : id);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
