package dev.parley.client;

import dev.parley.protocol.ServerFrame;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that keeps everything it hears, for tests to wait on and check. */
final class Recorder implements ClientListener {
  final List<ServerFrame.Msg> messages = new CopyOnWriteArrayList<>();
  final List<ServerFrame.Presence> presences = new CopyOnWriteArrayList<>();
  final List<String> states = new CopyOnWriteArrayList<>();
  /** The conversation events, each as one line: {@code edited lobby 1 hello by alice}, … */
  final List<String> events = new CopyOnWriteArrayList<>();
  /** The newest unread count per room. */
  final java.util.Map<String, Integer> unread = new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public void message(ServerFrame.Msg message) {
    messages.add(message);
  }

  @Override
  public void presence(ServerFrame.Presence presence) {
    presences.add(presence);
  }

  @Override
  public void stateChanged(ConnectionState state, String detail) {
    states.add(state + ": " + detail);
  }

  @Override
  public void typing(String room, String user) {
    events.add("typing " + room + " " + user);
  }

  @Override
  public void edited(String room, long id, String text, String by) {
    events.add("edited " + room + " " + id + " " + text + " by " + by);
  }

  @Override
  public void deleted(String room, long id, String by) {
    events.add("deleted " + room + " " + id + " by " + by);
  }

  @Override
  public void readMoved(String room, long id) {
    events.add("read " + room + " " + id);
  }

  @Override
  public void unreadChanged(String room, int count) {
    unread.put(room, count);
  }

  @Override
  public void topicChanged(String room, String topic, String by) {
    events.add("topic " + room + " " + topic + " by " + by);
  }

  long count(String event) {
    return events.stream().filter(event::equals).count();
  }

  List<String> texts(String room) {
    return messages.stream().filter(m -> m.room().equals(room)).map(ServerFrame.Msg::text).toList();
  }

  List<Long> ids(String room) {
    return messages.stream().filter(m -> m.room().equals(room)).map(ServerFrame.Msg::id).toList();
  }

  long count(ConnectionState state) {
    return states.stream().filter(s -> s.startsWith(state + ":")).count();
  }
}
