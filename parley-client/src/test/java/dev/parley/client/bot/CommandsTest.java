package dev.parley.client.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ServerFrame;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandsTest {
  private final Commands commands = new Commands("!",
      Map.of("echo", (m, args) -> Optional.of("[" + args + "]"), "time", (m, args) -> Optional.of("noon")),
      m -> Optional.of("plain " + m.text()));

  private static ServerFrame.Msg msg(String text) {
    return new ServerFrame.Msg("lobby", 1, "alice", text, 0);
  }

  @Test
  void aCommandGetsWhatFollowsItsNameTrimmed() {
    assertThat(commands.reply(msg("!echo   two words  "))).contains("[two words]");
    assertThat(commands.reply(msg("!echo"))).contains("[]");
    assertThat(commands.reply(msg("!echo\tx"))).contains("[x]");
  }

  @Test
  void namesAreMatchedWithoutRegardToCase() {
    assertThat(commands.reply(msg("!TIME"))).contains("noon");
  }

  @Test
  void anUnknownCommandOrAPlainMessageGoesToTheHandler() {
    assertThat(commands.reply(msg("!nope x"))).contains("plain !nope x");
    assertThat(commands.reply(msg("echo x"))).contains("plain echo x");
    assertThat(commands.reply(msg("!"))).contains("plain !");
  }

  @Test
  void anotherPrefixWorksTheSame() {
    Commands slash = new Commands("/", Map.of("help", (m, args) -> Optional.of("help!")), m -> Optional.empty());
    assertThat(slash.reply(msg("/help"))).contains("help!");
    assertThat(slash.reply(msg("!help"))).isEmpty();
  }
}
