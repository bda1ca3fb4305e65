package dev.parley.server.store;

/**
 * A message to append. The store assigns its id and time. {@code ref} may be {@code null}; when
 * set, a second append with the same room, sender identity and ref is a duplicate. {@code
 * fromIdentity} is the sender's {@link dev.parley.server.room.Member#identity() identity};
 * {@code bot} whether the sender's account is a bot's (stored with the message).
 *
 * <p>An edit names the message it edits in {@code editOf}, a delete in {@code deleteOf} (0
 * otherwise); the store checks, in the transaction that stores it, that the target may be
 * amended by this sender ({@code byOwner}: the sender owns the room, so may delete anything).
 */
public record NewMessage(
    String room,
    String from,
    String fromIdentity,
    String text,
    String ref,
    boolean bot,
    long editOf,
    long deleteOf,
    boolean byOwner) {
  public NewMessage(String room, String from, String fromIdentity, String text, String ref) {
    this(room, from, fromIdentity, text, ref, false);
  }

  public NewMessage(String room, String from, String fromIdentity, String text, String ref, boolean bot) {
    this(room, from, fromIdentity, text, ref, bot, 0, 0, false);
  }

  /** Whether this edits or deletes an earlier message. */
  public boolean amends() {
    return editOf != 0 || deleteOf != 0;
  }

  /** The id of the message this edits or deletes; 0 for an ordinary message. */
  public long target() {
    return editOf != 0 ? editOf : deleteOf;
  }
}
