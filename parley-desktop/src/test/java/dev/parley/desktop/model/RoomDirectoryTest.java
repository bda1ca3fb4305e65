package dev.parley.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoomDirectoryTest {
  private final RoomDirectory rooms = new RoomDirectory();

  @Test
  void messagesFromOthersInRoomsNotOpenAreUnread() {
    rooms.add("lobby", 10);
    rooms.add("random", 4);
    rooms.select("lobby");

    rooms.arrived("random", 5, false);
    rooms.arrived("random", 6, false);
    rooms.arrived("lobby", 11, false);

    assertThat(rooms.unread("random")).isEqualTo(2);
    assertThat(rooms.unread("lobby")).isZero();
  }

  @Test
  void theUsersOwnMessagesAndWhatWasSeenAtTheJoinAreNotUnread() {
    rooms.add("lobby", 50);
    rooms.add("random", 0);
    rooms.select("random");

    rooms.arrived("lobby", 49, false); // the join's replay of old messages
    rooms.arrived("lobby", 50, false);
    rooms.arrived("lobby", 51, true);

    assertThat(rooms.unread("lobby")).isZero();
  }

  @Test
  void aMessageSeenTwiceCountsOnce() {
    rooms.add("lobby", 0);
    rooms.add("random", 0);
    rooms.select("random");

    rooms.arrived("lobby", 1, false);
    rooms.arrived("lobby", 1, false);

    assertThat(rooms.unread("lobby")).isEqualTo(1);
  }

  @Test
  void openingARoomMarksItRead() {
    rooms.add("lobby", 0);
    rooms.arrived("lobby", 1, false);

    rooms.select("lobby");

    assertThat(rooms.entries()).containsExactly(new RoomEntry("lobby", 0));
  }

  @Test
  void publicRoomsComeFirstThenPrivateConversations() {
    rooms.add("dm:alice:bob", 0);
    rooms.add("lobby", 0);
    rooms.add("1001", 0);

    assertThat(rooms.entries()).extracting(RoomEntry::room).containsExactly("lobby", "1001", "dm:alice:bob");
  }

  @Test
  void theNextRoomWrapsAround() {
    rooms.add("lobby", 0);
    rooms.add("random", 0);
    rooms.add("dm:alice:bob", 0);
    assertThat(rooms.neighbour(1)).isEqualTo("lobby");

    rooms.select("random");
    assertThat(rooms.neighbour(1)).isEqualTo("dm:alice:bob");
    rooms.select("dm:alice:bob");
    assertThat(rooms.neighbour(1)).isEqualTo("lobby");
    assertThat(rooms.neighbour(-1)).isEqualTo("random");
  }

  @Test
  void aPrivateConversationIsLabelledWithTheOtherPerson() {
    assertThat(new RoomEntry("dm:alice:bob", 0).label("Alice")).isEqualTo("bob");
    assertThat(new RoomEntry("dm:alice:bob", 0).label("bob")).isEqualTo("alice");
    assertThat(new RoomEntry("lobby", 0).label("bob")).isEqualTo("#lobby");
  }
}
