package dev.parley.client.bot;

import dev.parley.protocol.ServerFrame;

/**
 * The ref of a reply, made from the message it answers. The server keeps a user's refs per
 * room, so {@code re:ID} names one reply in the message's room for ever (at least 24 hours):
 * however often the bot answers message ID again (after a crash of the bot or the server), the
 * server stores the first answer only. The {@code ':'} keeps these refs apart from the client
 * library's own, which never have one.
 */
final class ReplyRefs {
  private ReplyRefs() {}

  static String of(ServerFrame.Msg message) {
    return "re:" + message.id();
  }
}
