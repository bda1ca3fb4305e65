package dev.parley.server.transport.mqtt;

import dev.parley.protocol.Names;

/**
 * The topics the gateway knows: {@code rooms/ROOM} is the room ROOM, for PUBLISH and SUBSCRIBE;
 * {@code rooms/ROOM/json} is the same room for SUBSCRIBE only, its messages given as the
 * protocol's {@code msg} JSON (for MQTT 3.1.1 clients, which have no user properties).
 */
final class MqttTopics {
  static final String PREFIX = "rooms/";
  static final String JSON_SUFFIX = "/json";

  private MqttTopics() {}

  /** The room a PUBLISH topic names, or {@code null} when it names none. */
  static String roomOfTopic(String topic) {
    if (topic == null || !topic.startsWith(PREFIX)) {
      return null;
    }
    String room = topic.substring(PREFIX.length());
    return Names.isValidRoom(room) ? room : null;
  }

  /** The room a topic filter names (either form), or {@code null}. */
  static String roomOfFilter(String filter) {
    if (filter != null && filter.endsWith(JSON_SUFFIX)) {
      return roomOfTopic(filter.substring(0, filter.length() - JSON_SUFFIX.length()));
    }
    return roomOfTopic(filter);
  }

  static boolean isJson(String filter) {
    return filter.endsWith(JSON_SUFFIX);
  }

  static boolean hasWildcard(String filter) {
    return filter.contains("#") || filter.contains("+");
  }

  static boolean isShared(String filter) {
    return filter.startsWith("$share/");
  }

  static String topicOf(String room) {
    return PREFIX + room;
  }
}
