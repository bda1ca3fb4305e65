package dev.parley.server.room;

import dev.parley.protocol.EncodedFrame;
import dev.parley.protocol.ErrorCode;
import java.util.concurrent.Executor;

/** One connection as the rooms see it. Every method is thread-safe and never blocks. */
public interface Member {

  /** The user's name as registered (or as the guest gave it). */
  String user();

  /** The case-folded name: one user, however many connections. */
  String userKey();

  /** Whether the user has an account (guests do not, and may not own rooms). */
  boolean isRegistered();

  /** Whether the user's account is a bot's: its messages carry {@code "bot":true}. */
  boolean isBot();

  /**
   * Who sends, for telling a retried {@code ref} from a new one: unique to one account forever,
   * so a later account of the same name never meets an earlier one's refs.
   */
  String identity();

  /** Queues an encoded frame for this connection. The bytes may be shared with others. */
  void send(EncodedFrame frame);

  /**
   * Whether this connection can take more output now: a replay sends only while it can, so that
   * a reader that keeps up never has far more than the limit waiting for it.
   */
  boolean isWritable();

  /**
   * Runs {@code then} on this connection's thread once it {@link #isWritable() can take more}:
   * at once if it can now, never if the connection closes first.
   */
  void whenWritable(Runnable then);

  /** The thread this connection's output is written on: a send made there needs no hand-off. */
  Executor executor();

  /** Answers one of this connection's frames with an error. */
  void reject(ErrorCode code, String message, String ref);

  /**
   * The hub answered one of this connection's requests to be in {@code room} (a join, or the
   * private conversations of a login or a {@code dm}): {@code accepted} when it is in the room
   * now, otherwise refused (full, banned, busy, unavailable).
   */
  void joinAnswered(String room, boolean accepted);

  /** The hub put this connection in {@code room} on its own (a private conversation). */
  void attached(String room);

  /** The hub took this connection out of {@code room} (it left, was kicked or banned). */
  void removed(String room);

  /** How far this connection's user has read {@code room}: 0 when never (or for a guest). */
  default long readUpTo(String room) {
    return 0;
  }

  /** The user's read marker of {@code room} moved to {@code id} (on any connection or node). */
  default void readMoved(String room, long id) {}
}
