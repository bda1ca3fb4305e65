package dev.parley.server.transport.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IrcTextTest {
  @Test
  void formattingCodesAreRemovedAndColoursWithTheirNumbers() {
    assertThat(IrcText.fromIrc("\u0002bold\u0002 \u000304,12red\u0003 \u001Ditalic\u000F")).isEqualTo("bold red italic");
  }

  @Test
  void anActionBecomesAStarAndOtherCtcpIsNotChat() {
    assertThat(IrcText.fromIrc("\u0001ACTION waves\u0001")).isEqualTo("* waves");
    assertThat(IrcText.fromIrc("\u0001VERSION\u0001")).isNull();
  }

  @Test
  void eachLineOfATextIsOnePartAndBlankLinesAreLeftOut() {
    assertThat(IrcText.toIrc("one\n\ntwo\tcols", 100)).containsExactly("one", "two cols");
  }

  @Test
  void aLongLineIsCutAtSpacesWithinTheLimitAndNeverInsideACodePoint() {
    List<String> parts = IrcText.toIrc("word ".repeat(50) + "é".repeat(60), 40);
    assertThat(parts).allSatisfy(p -> assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(40));
    assertThat(String.join("", parts)).isEqualTo("word ".repeat(50) + "é".repeat(60));
    assertThat(parts.get(0)).isEqualTo("word ".repeat(8));
  }
}
