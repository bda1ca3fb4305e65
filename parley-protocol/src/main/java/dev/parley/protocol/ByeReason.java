package dev.parley.protocol;

/** Why the server closes a connection itself; sent as {@code bye.reason}. */
public enum ByeReason {
  SHUTDOWN("shutdown"),
  SLOW_CONSUMER("slow_consumer"),
  IDLE("idle"),
  TOO_MANY_ERRORS("too_many_errors"),
  /** The client logged out: its token is revoked. */
  LOGOUT("logout");

  private final String wireName;

  ByeReason(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
