package dev.parley.server.store;

/**
 * A message to append. The store assigns its id and time. {@code ref} may be {@code null}; when
 * set, a second append with the same room, sender identity and ref is a duplicate. {@code
 * fromIdentity} is the sender's {@link dev.parley.server.room.Member#identity() identity};
 * {@code bot} whether the sender's account is a bot's (stored with the message).
 */
public record NewMessage(String room, String from, String fromIdentity, String text, String ref, boolean bot) {
  public NewMessage(String room, String from, String fromIdentity, String text, String ref) {
    this(room, from, fromIdentity, text, ref, false);
  }
}
