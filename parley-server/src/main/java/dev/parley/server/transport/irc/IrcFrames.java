package dev.parley.server.transport.irc;

import dev.parley.protocol.Moderation;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.transport.irc.IrcClient.Kind;
import dev.parley.server.transport.irc.IrcClient.Pending;
import dev.parley.server.transport.irc.IrcClient.Replay;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The session's frames as IRC lines, in the client's terms and with the capabilities it took. */
final class IrcFrames {
  private final IrcClient client;
  private final IrcRegistration registration;
  private final IrcErrors errors;

  IrcFrames(IrcClient client, IrcRegistration registration) {
    this.client = client;
    this.registration = registration;
    this.errors = new IrcErrors(client, registration);
  }

  void translate(ServerFrame frame, IrcLink link) {
    if (frame instanceof ServerFrame.Msg msg) {
      msg(msg, null, link);
    } else if (frame instanceof ServerFrame.Ack ack) {
      client.answered(ack.ref());
      client.sentByMe(ack.room(), ack.id());
    } else if (frame instanceof ServerFrame.Welcome w) {
      client.answered(w.ref());
      registration.welcomed(w.user(), link);
    } else if (frame instanceof ServerFrame.Joined j) {
      joined(j, link);
    } else if (frame instanceof ServerFrame.Presence p) {
      presence(p, link);
    } else if (frame instanceof ServerFrame.Left left) {
      client.answered(left.ref());
      endReplay(left.room(), link);
      link.line(":" + IrcClient.source(client.me()) + " PART " + IrcClient.channel(left.room()));
    } else if (frame instanceof ServerFrame.Kicked k) {
      endReplay(k.room(), link);
      link.line(":" + IrcClient.source(k.by()) + " KICK " + IrcClient.channel(k.room()) + " " + client.me()
          + " :" + (k.action() == Moderation.BAN ? "Banned" : "Kicked") + " by " + k.by());
    } else if (frame instanceof ServerFrame.Moderated m) {
      moderated(m, link);
    } else if (frame instanceof ServerFrame.Members members) {
      members(members, link);
    } else if (frame instanceof ServerFrame.RoomList list) {
      client.answered(list.ref());
      link.line(client.numeric("321", "Channel", "Users Name"));
      list.rooms().forEach(r -> link.line(client.numeric("322", IrcClient.channel(r.room()), String.valueOf(r.members()), "")));
      link.line(client.numeric("323", "End of /LIST"));
    } else if (frame instanceof ServerFrame.HistoryPage page) {
      history(page, link);
    } else if (frame instanceof ServerFrame.Ping) {
      link.line("PING :" + IrcClient.SERVER);
    } else if (frame instanceof ServerFrame.Bye bye) {
      link.closeWith(IrcErrors.byeText(bye.reason()));
    } else if (frame instanceof ServerFrame.Topic t) {
      topic(t, link);
    } else if (frame instanceof ServerFrame.Error e) {
      errors.error(e, client.answered(e.ref()), link);
    }
    // pong, typing, read markers: nothing to say
  }

  private void joined(ServerFrame.Joined j, IrcLink link) {
    Pending request = client.answered(j.ref());
    if (j.room().startsWith("dm:")) {
      return; // a private conversation: its messages come as PRIVMSG to the nick
    }
    String channel = IrcClient.channel(j.room());
    client.owners.put(j.room(), j.owners() == null ? List.of() : j.owners());
    endReplay(j.room(), link);
    link.line(":" + IrcClient.source(client.me()) + " JOIN " + channel);
    if (j.topic() != null) {
      client.topics.put(j.room(), j.topic());
      link.line(client.numeric("332", channel, j.topic()));
    } else {
      client.topics.remove(j.room());
    }
    names(j.room(), j.members(), link);
    if (j.last() > 0 && request != null) {
      String batch = client.has("batch") ? client.newBatch() : null;
      client.replays.put(j.room(), new Replay(j.last(), batch));
      if (batch != null) {
        link.line("BATCH +" + batch + " chathistory " + channel);
      }
    }
  }

  /** A topic set (by anyone, this user included) shows as the setter's TOPIC. */
  private void topic(ServerFrame.Topic t, IrcLink link) {
    client.answered(t.ref());
    if (t.text().isEmpty()) {
      client.topics.remove(t.room());
    } else {
      client.topics.put(t.room(), t.text());
    }
    link.line(":" + IrcClient.source(t.by()) + " TOPIC " + IrcClient.channel(t.room()) + " :" + t.text());
  }

  private void names(String room, List<String> members, IrcLink link) {
    List<String> owners = client.owners.getOrDefault(room, List.of());
    String channel = IrcClient.channel(room);
    String nicks = members.stream()
        .map(m -> (owners.contains(m.toLowerCase(Locale.ROOT)) ? "@" : "") + m)
        .collect(Collectors.joining(" "));
    link.line(client.numeric("353", "=", channel, nicks));
    link.line(client.numeric("366", channel, "End of /NAMES list"));
  }

  private void members(ServerFrame.Members m, IrcLink link) {
    Pending request = client.answered(m.ref());
    String channel = IrcClient.channel(m.room());
    if (request != null && request.kind() == Kind.WHO) {
      for (String user : m.members()) {
        link.line(client.numeric("352", channel, user, IrcClient.SERVER, IrcClient.SERVER, user, "H", "0 " + user));
      }
      link.line(client.numeric("315", channel, "End of WHO list"));
    } else {
      names(m.room(), m.members(), link);
    }
  }

  private void presence(ServerFrame.Presence p, IrcLink link) {
    if (p.user().equalsIgnoreCase(client.me()) || p.room().startsWith("dm:")) {
      return; // this user's other connections: IRC knows one of them
    }
    boolean join = ServerFrame.Presence.JOIN.equals(p.event());
    String channel = IrcClient.channel(p.room());
    link.line(":" + IrcClient.source(p.user()) + (join ? " JOIN " : " PART ") + channel);
    if (join && client.owners.getOrDefault(p.room(), List.of()).contains(p.user().toLowerCase(Locale.ROOT))) {
      link.line(":" + IrcClient.SERVER + " MODE " + channel + " +o " + p.user()); // an owner shows as an op
    }
  }

  private void moderated(ServerFrame.Moderated m, IrcLink link) {
    client.answered(m.ref());
    String channel = IrcClient.channel(m.room());
    String me = ":" + IrcClient.source(client.me());
    switch (m.action()) {
      case KICK -> link.line(me + " KICK " + channel + " " + m.user() + " :Kicked by " + client.me());
      case BAN -> link.line(me + " MODE " + channel + " +b " + m.user() + "!*@*");
      case UNBAN -> link.line(me + " MODE " + channel + " -b " + m.user() + "!*@*");
      case OP -> link.line(me + " MODE " + channel + " +o " + m.user());
    }
  }

  private void history(ServerFrame.HistoryPage page, IrcLink link) {
    Pending request = client.answered(page.ref());
    long after = request == null ? 0 : request.detail();
    String target = request == null ? IrcClient.channel(page.room()) : request.target();
    String batch = client.has("batch") ? client.newBatch() : null;
    if (batch != null) {
      link.line("BATCH +" + batch + " chathistory " + target);
    }
    page.messages().stream().filter(msg -> msg.id() > after).forEach(msg -> msg(msg, batch, link));
    if (batch != null) {
      link.line("BATCH -" + batch);
    }
  }

  /** A message, in a replay's batch while one is open; the echo of one's own left out unless asked for. */
  private void msg(ServerFrame.Msg msg, String inBatch, IrcLink link) {
    Replay replay = inBatch == null ? client.replays.get(msg.room()) : null;
    if (replay != null && msg.id() > replay.last()) {
      endReplay(msg.room(), link);
      replay = null;
    }
    String batch = inBatch != null ? inBatch : replay == null ? null : replay.batch();
    boolean live = inBatch == null && replay == null;
    if (live && client.isOwnEcho(msg.room(), msg.id()) && !client.has("echo-message")) {
      return;
    }
    String target = target(msg);
    StringBuilder tags = new StringBuilder();
    if (client.has("server-time")) {
      tags.append("time=").append(Instant.ofEpochMilli(msg.ts()));
    }
    if (client.has("message-tags")) {
      tags.append(tags.isEmpty() ? "" : ";").append("msgid=").append(msg.room()).append('/').append(msg.id());
    }
    if (batch != null) {
      tags.append(tags.isEmpty() ? "" : ";").append("batch=").append(batch);
    }
    String head = ":" + IrcClient.source(msg.from()) + " PRIVMSG " + target + " :";
    int room = IrcLineDecoder.MAX_MESSAGE_BYTES - head.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    String prefix = tags.isEmpty() ? "" : "@" + tags + " ";
    for (String part : IrcText.toIrc(shown(msg), room)) {
      link.line(prefix + head + part);
    }
    if (replay != null && msg.id() >= replay.last()) {
      endReplay(msg.room(), link);
    }
  }

  /**
   * What IRC shows of a message: IRC has no edits or deletes, so an edit is its new text marked,
   * a delete a line that says so, and an erased message says it was deleted.
   */
  private static String shown(ServerFrame.Msg msg) {
    if (msg.deleted()) {
      return "(message deleted)";
    }
    if (msg.delete() != 0) {
      return "(deleted a message)";
    }
    return msg.edit() != 0 ? "(edited) " + msg.text() : msg.text();
  }

  /** A channel, or for a private conversation the nick of the other side (or one's own, from them). */
  private String target(ServerFrame.Msg msg) {
    if (!msg.room().startsWith("dm:")) {
      return IrcClient.channel(msg.room());
    }
    if (!msg.from().equalsIgnoreCase(client.me())) {
      return client.me();
    }
    String[] users = msg.room().substring(3).split(":");
    return users[0].equalsIgnoreCase(client.me()) ? users[users.length - 1] : users[0];
  }

  private void endReplay(String room, IrcLink link) {
    Replay replay = client.replays.remove(room);
    if (replay != null && replay.batch() != null) {
      link.line("BATCH -" + replay.batch());
    }
  }
}
