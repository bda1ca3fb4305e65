package dev.parley.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TypingPacerTest {
  private final AtomicLong now = new AtomicLong(50_000);
  private final TypingPacer pacer = new TypingPacer(now::get);

  @Test
  void typingIsSentAtMostEveryThreeSecondsPerRoom() {
    assertThat(pacer.keystroke("lobby")).isTrue();
    now.addAndGet(2_999);
    assertThat(pacer.keystroke("lobby")).isFalse();
    assertThat(pacer.keystroke("random")).isTrue();
    now.addAndGet(1);
    assertThat(pacer.keystroke("lobby")).isTrue();
  }

  @Test
  void afterAMessageTheNextKeystrokeSaysSoAgain() {
    assertThat(pacer.keystroke("lobby")).isTrue();
    pacer.sent("lobby");

    assertThat(pacer.keystroke("lobby")).isTrue();
  }
}
