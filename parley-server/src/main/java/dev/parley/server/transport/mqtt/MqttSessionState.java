package dev.parley.server.transport.mqtt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an MQTT session keeps between connections: its subscriptions (topic filter → QoS), the
 * id of the last message it was given per room, and per packet id the ref of the last PUBLISH
 * it completed (and of the QoS 2 ones awaiting PUBREL), from which the refs of later ones are
 * derived (see {@link PublishRefs}). Shared by a connection and the one that takes its session
 * over, and read by the writer thread: every method is synchronized.
 */
final class MqttSessionState {
  /** The last completed (or received, for QoS 2) PUBLISH of one packet id. */
  record Received(String ref, String payloadHash) {}

  /** A plain copy for the file, in the shape Jackson writes and reads. */
  record Snapshot(
      Map<String, Integer> subscriptions,
      Map<String, Long> last,
      Map<Integer, Received> completed,
      Map<Integer, Received> awaitingRelease) {}

  private final Map<String, Integer> subscriptions = new LinkedHashMap<>();
  private final Map<String, Long> last = new LinkedHashMap<>();
  private final Map<Integer, Received> completed = new LinkedHashMap<>();
  private final Map<Integer, Received> awaitingRelease = new LinkedHashMap<>();

  static MqttSessionState of(Snapshot s) {
    MqttSessionState state = new MqttSessionState();
    if (s != null) {
      putAll(state.subscriptions, s.subscriptions());
      putAll(state.last, s.last());
      putAll(state.completed, s.completed());
      putAll(state.awaitingRelease, s.awaitingRelease());
    }
    return state;
  }

  private static <K, V> void putAll(Map<K, V> to, Map<K, V> from) {
    if (from != null) {
      to.putAll(from);
    }
  }

  synchronized Snapshot snapshot() {
    return new Snapshot(
        new LinkedHashMap<>(subscriptions), new LinkedHashMap<>(last),
        new LinkedHashMap<>(completed), new LinkedHashMap<>(awaitingRelease));
  }

  synchronized void subscribe(String topicFilter, int qos) {
    subscriptions.put(topicFilter, qos);
  }

  /** Whether the filter was subscribed. */
  synchronized boolean unsubscribe(String topicFilter) {
    return subscriptions.remove(topicFilter) != null;
  }

  synchronized Map<String, Integer> subscriptions() {
    return new LinkedHashMap<>(subscriptions);
  }

  synchronized List<String> topicFiltersOf(String room) {
    return subscriptions.keySet().stream().filter(f -> room.equals(MqttTopics.roomOfFilter(f))).toList();
  }

  synchronized boolean hasRoom(String room) {
    return subscriptions.keySet().stream().anyMatch(f -> room.equals(MqttTopics.roomOfFilter(f)));
  }

  /** The id of the last message given for {@code room}, or {@code null} when none is known. */
  synchronized Long last(String room) {
    return last.get(room);
  }

  /** Moves the room's position forward to {@code id} (never back). */
  synchronized void delivered(String room, long id) {
    last.merge(room, id, Math::max);
  }

  /** Sets the position for a room newly subscribed, unless one is known. */
  synchronized void startAt(String room, long id) {
    last.putIfAbsent(room, id);
  }

  synchronized void forget(String room) {
    last.remove(room);
  }

  synchronized Received completed(int packetId) {
    return completed.get(packetId);
  }

  synchronized void complete(int packetId, Received r) {
    completed.put(packetId, r);
    awaitingRelease.remove(packetId);
  }

  synchronized void awaitRelease(int packetId, Received r) {
    awaitingRelease.put(packetId, r);
  }

  synchronized Received awaitingRelease(int packetId) {
    return awaitingRelease.get(packetId);
  }
}
