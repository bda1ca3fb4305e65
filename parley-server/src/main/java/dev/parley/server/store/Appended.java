package dev.parley.server.store;

/**
 * The outcome of one append: the stored message, and whether it had been stored before under
 * the same ref (then {@code message} is the original, with its original id and time). An edit
 * or delete the store refused has {@code refused} set and no message: nothing was stored.
 */
public record Appended(StoredMessage message, boolean duplicate, Refusal refused) {
  public Appended(StoredMessage message, boolean duplicate) {
    this(message, duplicate, null);
  }

  public static Appended refused(Refusal why) {
    return new Appended(null, false, why);
  }

  /** Why an edit or delete was not stored. */
  public enum Refusal {
    /** No message of the room has that id. */
    NO_SUCH_MESSAGE,
    /** The target is itself an edit or a delete. */
    NOT_AMENDABLE,
    /** The target was deleted already. */
    DELETED,
    /** The sender may not amend it: only its author edits; its author or an owner deletes. */
    NOT_YOURS
  }
}
