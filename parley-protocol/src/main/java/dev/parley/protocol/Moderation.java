package dev.parley.protocol;

/** What a room's owner may do to a user of the room; the wire name is the frame's type. */
public enum Moderation {
  /** Out of the room now; may join again. */
  KICK("kick"),
  /** Out of the room now, and refused until unbanned. */
  BAN("ban"),
  UNBAN("unban"),
  /** Makes a registered user an owner too. */
  OP("op");

  private final String wireName;

  Moderation(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
