package dev.parley.protocol;

/** The contract's error codes, each with its wire name. */
public enum ErrorCode {
  BAD_REQUEST("bad_request"),
  UNKNOWN_TYPE("unknown_type"),
  NOT_LOGGED_IN("not_logged_in"),
  AUTH_FAILED("auth_failed"),
  NAME_TAKEN("name_taken"),
  USER_EXISTS("user_exists"),
  WEAK_PASSWORD("weak_password"),
  INVALID_NAME("invalid_name"),
  NOT_IN_ROOM("not_in_room"),
  FORBIDDEN("forbidden"),
  NO_SUCH_USER("no_such_user"),
  TOO_LARGE("too_large"),
  RATE_LIMITED("rate_limited"),
  INTERNAL("internal");

  private final String wireName;

  ErrorCode(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
