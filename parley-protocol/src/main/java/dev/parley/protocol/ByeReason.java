package dev.parley.protocol;

/** Why the server closes a connection itself; sent as {@code bye.reason}. */
public enum ByeReason {
  SHUTDOWN("shutdown"),
  SLOW_CONSUMER("slow_consumer"),
  IDLE("idle"),
  TOO_MANY_ERRORS("too_many_errors"),
  /** The client logged out: its token is revoked. */
  LOGOUT("logout"),
  /** The user's password was changed: every connection of the user ends, its tokens are revoked. */
  PASSWORD_CHANGED("password_changed"),
  /** The user's account was deleted: every connection of the user ends. */
  ACCOUNT_DELETED("account_deleted"),
  /** A guest's name became a registered account's: the guest's connection ends. */
  NAME_REGISTERED("name_registered");

  private final String wireName;

  ByeReason(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
