package dev.parley.protocol;

/**
 * A frame a client sends. Every one may carry a {@code ref}, echoed on the reply; it is
 * {@code null} when absent. Optional numeric fields are {@code null} when absent.
 */
public sealed interface ClientFrame {

  String ref();

  /** Log in: with {@code token}, with {@code user} and {@code password}, or as a guest. */
  record Hello(String user, String password, String token, String ref) implements ClientFrame {
    public boolean isGuest() {
      return token == null && password == null;
    }
  }

  /** {@code bot} (an extension) marks the new account as a bot's: see docs/bots.md. */
  record Register(String user, String password, boolean bot, String ref) implements ClientFrame {
    public Register(String user, String password, String ref) {
      this(user, password, false, ref);
    }
  }

  record Join(String room, Long since, String ref) implements ClientFrame {}

  record Leave(String room, String ref) implements ClientFrame {}

  /** The {@code rooms} request. */
  record ListRooms(String ref) implements ClientFrame {}

  record Who(String room, String ref) implements ClientFrame {}

  record Send(String room, String text, String ref) implements ClientFrame {}

  record Dm(String to, String text, String ref) implements ClientFrame {}

  /** {@code before} is {@code null} for "the newest"; {@code limit} is already capped. */
  record History(String room, Long before, int limit, String ref) implements ClientFrame {}

  record Ping(String ref) implements ClientFrame {}

  record Pong(String ref) implements ClientFrame {}

  record Bye(String ref) implements ClientFrame {}

  /** Revokes the token this connection logged in with (or was given), then closes. */
  record Logout(String ref) implements ClientFrame {}

  /** An owner's action on a user of a room: kick, ban, unban or op. */
  record Moderate(Moderation action, String room, String user, String ref) implements ClientFrame {}

  /** The user is typing in a room (not stored; relayed to the others in the room). */
  record Typing(String room, String ref) implements ClientFrame {}

  /** Marks a room read up to {@code id} for the user, on every device. */
  record Read(String room, long id, String ref) implements ClientFrame {}

  /** Replaces the text of message {@code id} (the author's own) with a new message. */
  record Edit(String room, long id, String text, String ref) implements ClientFrame {}

  /** Takes back message {@code id} (the author's own, or any for a room owner). */
  record Delete(String room, long id, String ref) implements ClientFrame {}

  /** Sets a room's topic (owners only); {@code ""} clears it. */
  record Topic(String room, String text, String ref) implements ClientFrame {}

  /** Full-text search of one room; {@code words} are the query's words, lower-cased. */
  record Search(String room, String query, java.util.List<String> words, int limit, String ref)
      implements ClientFrame {}
}
