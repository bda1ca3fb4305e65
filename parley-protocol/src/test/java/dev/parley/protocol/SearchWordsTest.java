package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchWordsTest {

  @Test
  void wordsAreRunsOfLettersAndDigitsLowerCased() {
    assertThat(SearchWords.of("Deploy on FRIDAY, v2.1 -- ok?")).containsExactly("deploy", "on", "friday", "v2", "1", "ok");
  }

  @Test
  void accentsAndOtherScriptsStayPartOfTheirWords() {
    assertThat(SearchWords.of("Café über 你好 мир")).containsExactly("café", "über", "你好", "мир");
  }

  @Test
  void punctuationAndEmojiSeparate() {
    assertThat(SearchWords.of("hi😀there_you #tag @bob")).containsExactly("hi", "there", "you", "tag", "bob");
    assertThat(SearchWords.normalized("  Hello,   World!  ")).isEqualTo("hello world");
  }

  @Test
  void aQueryNeedsOneWordOfTwoCharacters() {
    assertThat(SearchWords.searchable(List.of("a", "b"))).isFalse();
    assertThat(SearchWords.searchable(List.of())).isFalse();
    assertThat(SearchWords.searchable(List.of("a", "ok"))).isTrue();
    assertThat(SearchWords.searchable(SearchWords.of("你好"))).isTrue();
  }
}
