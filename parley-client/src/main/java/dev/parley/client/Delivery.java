package dev.parley.client;

import dev.parley.protocol.ServerFrame;

/**
 * One thing the application is told about a room, as {@link RoomView} works it out on the loop;
 * {@link ClientSession#tell} hands each to the listeners on the callback thread.
 */
sealed interface Delivery {

  /** An ordinary message, with what is known of its later edits already applied. */
  record Message(ServerFrame.Msg msg) implements Delivery {}

  record Edited(String room, long id, String text, String by) implements Delivery {}

  record Deleted(String room, long id, String by) implements Delivery {}

  record ReadMoved(String room, long id) implements Delivery {}

  record UnreadChanged(String room, int unread) implements Delivery {}

  /** {@code by} is {@code null} when the topic was learnt from a {@code joined}. */
  record TopicChanged(String room, String topic, String by) implements Delivery {}
}
