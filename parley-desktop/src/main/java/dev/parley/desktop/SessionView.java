package dev.parley.desktop;

import dev.parley.client.ConnectionState;

/** What a {@link ChatSession} tells the window; every call comes on Swing's event thread. */
public interface SessionView {

  /** Rooms were added or removed, unread counts or the open room changed. */
  void roomsChanged();

  /** New messages (or lines on their way) at the end of {@code room}'s conversation. */
  void conversationAppended(String room);

  /** Older messages were put in front of {@code room}'s conversation. */
  void conversationPrepended(String room);

  /** Messages of {@code room} changed in place (edited, deleted). */
  void conversationChanged(String room);

  /** Who is typing in {@code room} changed. */
  void typingChanged(String room);

  /** {@code room}'s topic changed. */
  void topicChanged(String room);

  /** Message {@code id} of {@code room} is loaded (a search result): show it. */
  void scrollToMessage(String room, long id);

  /** {@code room}'s members or their presence changed. */
  void membersChanged(String room);

  /** The connection changed; {@code detail} says why, for people. */
  void connectionChanged(ConnectionState state, String detail);

  /** Something the user asked for went wrong: shown briefly, the window goes on. */
  void problem(String text);
}
