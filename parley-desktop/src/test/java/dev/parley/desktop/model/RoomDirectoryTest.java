package dev.parley.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ServerFrame;
import org.junit.jupiter.api.Test;

class RoomDirectoryTest {
  private final RoomDirectory rooms = new RoomDirectory();
  private final Conversation lobby = new Conversation("lobby");

  private void arrive(long id, String from) {
    lobby.add(new ServerFrame.Msg("lobby", id, from, "m" + id, id));
    rooms.recount(lobby, "bob");
  }

  @Test
  void messagesFromOthersAfterTheReadMarkerAreUnread() {
    rooms.add("lobby", 2);
    arrive(1, "alice");
    arrive(2, "alice");
    arrive(3, "alice");
    arrive(4, "bob");
    arrive(5, "carol");

    assertThat(rooms.unread("lobby")).isEqualTo(new Unread(2, false));
  }

  @Test
  void aReadFrameFromAnotherDeviceLowersTheCount() {
    rooms.add("lobby", 0);
    arrive(1, "alice");
    arrive(2, "alice");
    arrive(3, "alice");

    assertThat(rooms.markRead("lobby", 2)).isTrue();
    assertThat(rooms.recount(lobby, "bob")).isTrue();

    assertThat(rooms.entries()).containsExactly(new RoomEntry("lobby", new Unread(1, false)));
  }

  @Test
  void theReadMarkerNeverGoesBackwards() {
    rooms.add("lobby", 5);

    assertThat(rooms.markRead("lobby", 3)).isFalse();
    assertThat(rooms.markRead("lobby", 5)).isFalse();
    rooms.add("lobby", 4); // joined again, with an older marker from a slower server answer
    assertThat(rooms.read("lobby")).isEqualTo(5);
    assertThat(rooms.markRead("lobby", 6)).isTrue();
    assertThat(rooms.read("lobby")).isEqualTo(6);
  }

  @Test
  void aRecountThatChangesNothingSaysSo() {
    rooms.add("lobby", 0);
    arrive(1, "alice");

    assertThat(rooms.recount(lobby, "bob")).isFalse();
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
    assertThat(new RoomEntry("dm:alice:bob").label("Alice")).isEqualTo("bob");
    assertThat(new RoomEntry("dm:alice:bob").label("bob")).isEqualTo("alice");
    assertThat(new RoomEntry("lobby").label("bob")).isEqualTo("#lobby");
  }
}
