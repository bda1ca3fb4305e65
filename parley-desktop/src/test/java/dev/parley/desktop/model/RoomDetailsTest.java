package dev.parley.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoomDetailsTest {
  private final RoomDetails details = new RoomDetails();

  @Test
  void theTopicComesWithTheJoinAndChangesWithTopicFrames() {
    details.joined(null, List.of());
    assertThat(details.topic()).isEmpty();

    details.topic("Release day");
    assertThat(details.topic()).isEqualTo("Release day");
    details.topic("");
    assertThat(details.topic()).isEmpty();
  }

  @Test
  void ownersAreKnownByUserKey() {
    details.joined("t", List.of("alice"));

    assertThat(details.ownedBy("Alice")).isTrue();
    assertThat(details.ownedBy("bob")).isFalse();
  }
}
