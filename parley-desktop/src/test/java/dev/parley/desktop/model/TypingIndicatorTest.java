package dev.parley.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TypingIndicatorTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final TypingIndicator typing = new TypingIndicator(now::get);

  @Test
  void aTypistIsShownForFiveSecondsAfterTheLastTypingFrame() {
    typing.typing("lobby", "alice");
    now.addAndGet(4_000);
    typing.typing("lobby", "alice");
    now.addAndGet(4_999);
    assertThat(typing.line("lobby")).isEqualTo("alice is typing…");

    now.addAndGet(1);
    assertThat(typing.line("lobby")).isEmpty();
    assertThat(typing.anyone()).isFalse();
  }

  @Test
  void aMessageFromTheTypistEndsItAtOnce() {
    typing.typing("lobby", "Alice");

    assertThat(typing.messageFrom("lobby", "alice")).isTrue();
    assertThat(typing.typingIn("lobby")).isEmpty();
    assertThat(typing.messageFrom("lobby", "alice")).isFalse();
  }

  @Test
  void eachRoomHasItsOwnTypists() {
    typing.typing("lobby", "alice");
    typing.typing("random", "bob");

    assertThat(typing.typingIn("lobby")).containsExactly("alice");
    assertThat(typing.typingIn("1001")).isEmpty();
  }

  @Test
  void severalTypistsAreNamedUpToThree() {
    typing.typing("lobby", "alice");
    assertThat(typing.anyone()).isTrue();
    typing.typing("lobby", "bob");
    assertThat(typing.line("lobby")).isEqualTo("alice and bob are typing…");
    typing.typing("lobby", "carol");
    assertThat(typing.line("lobby")).isEqualTo("alice, bob and carol are typing…");
    typing.typing("lobby", "dave");
    assertThat(typing.line("lobby")).isEqualTo("Several people are typing…");
  }

  @Test
  void whoeverTypedLastIsNamedLast() {
    typing.typing("lobby", "alice");
    typing.typing("lobby", "bob");
    typing.typing("lobby", "alice");

    assertThat(typing.typingIn("lobby")).containsExactly("bob", "alice");
  }
}
