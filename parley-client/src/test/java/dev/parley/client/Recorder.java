package dev.parley.client;

import dev.parley.protocol.ServerFrame;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that keeps everything it hears, for tests to wait on and check. */
final class Recorder implements ClientListener {
  final List<ServerFrame.Msg> messages = new CopyOnWriteArrayList<>();
  final List<ServerFrame.Presence> presences = new CopyOnWriteArrayList<>();
  final List<String> states = new CopyOnWriteArrayList<>();

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
