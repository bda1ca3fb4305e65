package dev.parley.server.store;

/**
 * A message as stored: its room's sequence number and the server time it was stored at; {@code
 * bot} when its sender's account was a bot's when it was sent.
 */
public record StoredMessage(String room, long id, String from, String text, long ts, boolean bot) {
  public StoredMessage(String room, long id, String from, String text, long ts) {
    this(room, id, from, text, ts, false);
  }
}
