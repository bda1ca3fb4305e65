package dev.parley.app.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.app.ParleyCommand;
import dev.parley.client.Credentials;
import dev.parley.protocol.ServerFrame;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The chat command's pieces that need no server: lines, logins, colours, flags. */
class ChatPiecesTest {

  private static BufferedReader input(String text) {
    return new BufferedReader(new StringReader(text));
  }

  @Test
  void aMessageIsOneLineWithNewlinesAndBackslashesEscaped() {
    var msg = new ServerFrame.Msg("1001", 7, "bot", "one\ntwo \\ three", 0);

    assertThat(MessageLine.of(msg)).isEqualTo("[1001] bot: one\\ntwo \\\\ three");
  }

  @Test
  void noPasswordMeansAGuestAndNoNameAMadeUpGuest() {
    assertThat(new ChatLogin("bob", false, false).credentials(input(""), null))
        .isEqualTo(Credentials.guest("bob"));
    assertThat(new ChatLogin(null, false, false).credentials(input(""), null).user())
        .matches("guest-\\d{4}");
    assertThat(new ChatLogin("bob", false, false).credentials(input(""), user -> ""))
        .as("Enter at the prompt").isEqualTo(Credentials.guest("bob"));
  }

  @Test
  void thePasswordComesFromTheFirstLineOfInputOrThePrompt() {
    BufferedReader in = input("correct horse\r\nfirst message\n");
    assertThat(new ChatLogin("dave", false, true).credentials(in, null))
        .isEqualTo(Credentials.password("dave", "correct horse"));
    assertThat(new ChatLogin("dave", true, false).credentials(input(""), user -> "typed " + user))
        .isEqualTo(Credentials.register("dave", "typed dave"));
  }

  @Test
  void registeringWithoutAPasswordIsRefusedInOneLine() {
    assertThatThrownBy(() -> new ChatLogin("dave", true, false).credentials(input(""), null))
        .isInstanceOf(ChatFailure.class)
        .hasMessageContaining("--register needs a password");
  }

  @Test
  void aUsersColourIsStableAndIgnoresCase() {
    assertThat(UserColours.of("Alice")).isEqualTo(UserColours.of("alice"));
    assertThat(UserColours.of("alice")).isNotEqualTo(UserColours.of("bob"));
  }

  @Test
  void badNamesInFlagsAreUsageErrors() {
    assertThat(exitCode("chat", "--user", "no spaces")).isEqualTo(2);
    assertThat(exitCode("chat", "--room", "a/b")).isEqualTo(2);
    assertThat(exitCode("chat", "--register")).isEqualTo(2);
    assertThat(exitCode("chat", "--server", "host:notaport")).isEqualTo(2);
  }

  private static int exitCode(String... args) {
    CommandLine cmd = ParleyCommand.commandLine();
    cmd.setErr(new PrintWriter(new StringWriter()));
    return cmd.execute(args);
  }
}
