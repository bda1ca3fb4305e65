package dev.parley.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class InspircdConfigTest {
  private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final String config = InspircdConfig.text("127.0.0.1", 40123, Path.of("/tmp/bench/inspircd.log"));

  /** The attributes of the one tag named {@code tag}. */
  private String attribute(String tag, String name) {
    List<String> tags = config.lines().filter(l -> l.startsWith("<" + tag + " ")).toList();
    assertThat(tags).as("<%s> tags", tag).hasSize(1);
    Matcher m = ATTRIBUTE.matcher(tags.get(0));
    while (m.find()) {
      if (m.group(1).equals(name)) {
        return m.group(2);
      }
    }
    return null;
  }

  @Test
  void itListensOnTheGivenLoopbackAddressOnly() {
    assertThat(attribute("bind", "address")).isEqualTo("127.0.0.1");
    assertThat(attribute("bind", "port")).isEqualTo("40123");
    assertThat(config.lines().filter(l -> l.startsWith("<bind "))).hasSize(1);
  }

  @Test
  void floodLimitsAndClonesPerAddressAreLifted() {
    assertThat(attribute("connect", "fakelag")).isEqualTo("off");
    assertThat(Long.parseLong(attribute("connect", "threshold"))).isGreaterThanOrEqualTo(1_000_000);
    assertThat(Long.parseLong(attribute("connect", "commandrate"))).isGreaterThanOrEqualTo(1_000_000_000L);
    for (String queue : List.of("hardsendq", "softsendq", "recvq")) {
      assertThat(Long.parseLong(attribute("connect", queue))).as(queue).isGreaterThanOrEqualTo(1 << 20);
    }
    for (String max : List.of("localmax", "globalmax", "limit")) {
      assertThat(Long.parseLong(attribute("connect", max))).as(max).isGreaterThanOrEqualTo(100_000);
    }
  }

  @Test
  void noLookUpsAreMadeForConnectingClients() {
    assertThat(attribute("connect", "resolvehostnames")).isEqualTo("no");
    assertThat(attribute("connect", "useident")).isEqualTo("no");
  }

  @Test
  void sendersGetTheirOwnMessagesAndJoinsAreNotBroadcast() {
    assertThat(config).contains("<module name=\"cap\">", "<module name=\"ircv3_echomessage\">", "<module name=\"auditorium\">");
    assertThat(attribute("options", "defaultmodes")).contains("u");
    assertThat(attribute("auditorium", "opcansee")).isEqualTo("no");
  }

  @Test
  void itLogsToTheGivenFile() {
    assertThat(attribute("log", "target")).isEqualTo("/tmp/bench/inspircd.log");
  }
}
