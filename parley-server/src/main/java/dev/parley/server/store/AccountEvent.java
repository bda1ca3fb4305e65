package dev.parley.server.store;

/**
 * One change to the accounts, in the store's change log, written in the same transaction as the
 * change itself, so a server learns of changes made by anyone (another process such as {@code
 * parley user}, or in a cluster another node) by reading the log in order.
 *
 * @param seq the log's order; never reused
 * @param generation the account's generation after the change
 */
public record AccountEvent(long seq, Kind kind, String userKey, long accountId, long generation) {

  /** What happened to the account. */
  public enum Kind {
    CREATED("created"),
    PASSWORD_CHANGED("password_changed"),
    DELETED("deleted");

    private final String stored;

    Kind(String stored) {
      this.stored = stored;
    }

    /** How the kind is spelled in the store. */
    public String stored() {
      return stored;
    }

    public static Kind ofStored(String stored) {
      for (Kind k : values()) {
        if (k.stored.equals(stored)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown account event " + stored);
    }
  }
}
