package dev.parley.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MembersTest {
  private final Members members = new Members();

  @Test
  void thoseHereComeFirstAndThoseWhoLeftAreAway() {
    members.reset(List.of("carol", "alice", "bob"));
    members.left("alice");

    assertThat(members.list()).containsExactly(
        new Members.Member("bob", true), new Members.Member("carol", true), new Members.Member("alice", false));
    assertThat(members.onlineCount()).isEqualTo(2);
  }

  @Test
  void theServersListReplacesPresenceHeardBefore() {
    members.reset(List.of("alice", "bob"));
    members.joined("dave");

    members.reset(List.of("bob"));

    assertThat(members.isOnline("bob")).isTrue();
    assertThat(members.isOnline("alice")).isFalse();
    assertThat(members.isOnline("DAVE")).isFalse();
    assertThat(members.list()).hasSize(3);
  }
}
