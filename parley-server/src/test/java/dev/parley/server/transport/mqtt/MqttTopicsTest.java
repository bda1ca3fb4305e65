package dev.parley.server.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MqttTopicsTest {
  @Test
  void roomsSlashRoomIsTheRoom() {
    assertThat(MqttTopics.roomOfTopic("rooms/1001")).isEqualTo("1001");
    assertThat(MqttTopics.roomOfTopic("rooms/dm:alice:bob")).isEqualTo("dm:alice:bob");
    assertThat(MqttTopics.roomOfFilter("rooms/lobby/json")).isEqualTo("lobby");
    assertThat(MqttTopics.isJson("rooms/lobby/json")).isTrue();
  }

  @Test
  void anythingElseNamesNoRoom() {
    assertThat(MqttTopics.roomOfTopic("rooms/")).isNull();
    assertThat(MqttTopics.roomOfTopic("rooms/a/b")).isNull();
    assertThat(MqttTopics.roomOfTopic("rooms/lobby/json")).as("json is for subscribing").isNull();
    assertThat(MqttTopics.roomOfTopic("sensors/temp")).isNull();
    assertThat(MqttTopics.roomOfTopic("rooms/bad name")).isNull();
    assertThat(MqttTopics.roomOfFilter("rooms/+")).isNull();
    assertThat(MqttTopics.hasWildcard("rooms/#")).isTrue();
    assertThat(MqttTopics.isShared("$share/g/rooms/1")).isTrue();
  }
}
