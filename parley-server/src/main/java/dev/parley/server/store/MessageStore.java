package dev.parley.server.store;

import java.util.List;
import java.util.Map;

/**
 * Durable, ordered history per room. Every method blocks; callers run them on the store's
 * pools, never on an event loop. Implementations are safe for use from several threads.
 */
public interface MessageStore extends AutoCloseable {

  /**
   * Appends a batch in one transaction, giving each new message the next id of its room and the
   * current time. A message whose (room, sender key, ref) was stored before is not stored again;
   * its outcome is the original. Returns one outcome per input, in order, once durable.
   *
   * @throws StoreException when nothing of the batch was stored
   */
  List<Appended> appendAll(List<NewMessage> batch);

  /**
   * The id of the room's newest message; 0 for a room never written to. Only reads: joining a
   * room stores nothing, so rooms that nobody writes to cost no storage.
   */
  long lastId(String room);

  /** The newest {@code limit} messages with {@code after < id <= upTo}, oldest first. */
  List<StoredMessage> range(String room, long after, long upTo, int limit);

  /**
   * The newest {@code limit} messages with {@code after < id < before}, oldest first; {@code
   * more} when there are older ones above {@code after}.
   */
  HistorySlice before(String room, long after, long before, int limit);

  /** Who owns a room and who is banned from it, by user key. */
  RoomPolicy policy(String room);

  /**
   * Makes a user the first owner of a room unless it has owners already, in one transaction
   * that no other claim of the room can interleave with; returns the room's owners after.
   */
  java.util.Set<String> claimFirstOwner(String room, String userKey);

  /** Makes a user an owner of a room. */
  void addOwner(String room, String userKey);

  /** Bans a user from a room, or lifts the ban. */
  void setBanned(String room, String userKey, boolean banned);

  /**
   * Writes and commits a small marker, so that the caller knows the store takes writes now
   * (for {@code /healthz}).
   *
   * @throws StoreException when it does not
   */
  void checkWritable();

  /** Public rooms (not private conversations), at most {@code max}, by name. */
  List<RoomInfo> publicRooms(int max);

  /**
   * The private conversations of a user's account that have at least one message it may read
   * (see {@link #directFloors}).
   */
  List<RoomInfo> directRooms(String userKey);

  /**
   * Where a user's account starts reading its private conversations: for each conversation
   * that already had messages when the account was created (an earlier account of the same name
   * took part), the id after which the messages are this account's. Conversations not listed
   * start at 0.
   */
  Map<String, Long> directFloors(String userKey);

  /**
   * How far the user with this identity has read each room it has a marker for (rooms never
   * read are absent). {@code identity} is a member's identity (an account's, never a guest's).
   */
  Map<String, Long> readMarkers(String identity);

  /**
   * Moves the user's read marker of a room up to {@code id}, never back; returns whether it
   * moved (then it is durable).
   */
  boolean markRead(String identity, String room, long id);

  /** The room's topic, or {@code null} when none is set. */
  RoomTopic topic(String room);

  /** Sets the room's topic; {@code ""} clears it. {@code by} is the setter's display name. */
  void setTopic(String room, String text, String by);

  /**
   * The room's messages (never edits or deletes themselves, never deleted ones, none at or below
   * {@code readableAfter}) whose newest text contains every one of {@code words} (lower-cased, as
   * {@link dev.parley.protocol.SearchWords#of} makes them) as a whole word, newest first, at most
   * {@code limit}. Each is the original message (its id, sender and time) carrying its newest
   * text.
   */
  List<StoredMessage> search(String room, List<String> words, long readableAfter, int limit);

  @Override
  void close();
}
