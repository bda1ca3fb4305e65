package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTextTest {

  @ParameterizedTest
  @ValueSource(strings = {"hi", "two\nlines", "tab\there", "😀", "a\u00A0b"})
  void ordinaryTextIsAccepted(String text) {
    assertThat(MessageText.problem(text)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\u0001", "a\rb", "\u007F", "\u0085", "\u009F", "\u0000", "\uD800", "x\uDC00"})
  void emptyControlsAndLoneSurrogatesAreRefused(String text) {
    assertThat(MessageText.problem(text)).isNotNull();
  }

  @Test
  void limitIsCountedInCodePointsNotUtf16Units() {
    assertThat(MessageText.problem("😀".repeat(4096))).isNull();
    assertThat(MessageText.problem("😀".repeat(4097))).contains("longer");
    assertThat(MessageText.problem("a".repeat(4096))).isNull();
  }
}
