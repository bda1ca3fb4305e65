package dev.parley.server.store;

/**
 * A message as stored: its room's sequence number and the server time it was stored at; {@code
 * bot} when its sender's account was a bot's when it was sent. An edit names the message it
 * edits in {@code editOf}, a delete in {@code deleteOf}; {@code deleted} says a later delete
 * erased this message's text (then {@code text} is {@code ""}).
 */
public record StoredMessage(
    String room, long id, String from, String text, long ts, boolean bot, long editOf, long deleteOf, boolean deleted) {
  public StoredMessage(String room, long id, String from, String text, long ts) {
    this(room, id, from, text, ts, false);
  }

  public StoredMessage(String room, long id, String from, String text, long ts, boolean bot) {
    this(room, id, from, text, ts, bot, 0, 0, false);
  }
}
