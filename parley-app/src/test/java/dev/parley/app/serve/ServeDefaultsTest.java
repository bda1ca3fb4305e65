package dev.parley.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.app.ParleyCommand;
import dev.parley.server.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Flags from PARLEY_* variables and a --config file, and which one wins. */
class ServeDefaultsTest {
  @TempDir Path tmp;

  @Test
  void variableNamesAreTheFlagInCapitals() {
    assertThat(ServeDefaults.variable("--max-connections-per-address")).isEqualTo("PARLEY_MAX_CONNECTIONS_PER_ADDRESS");
    assertThat(ServeDefaults.variable("--no-guests")).isEqualTo("PARLEY_NO_GUESTS");
  }

  @Test
  void environmentSetsFlagsNotGiven() {
    ServerConfig config =
        parse(Map.of("PARLEY_TCP_PORT", "7171", "PARLEY_NO_GUESTS", "true", "PARLEY_JAVA_OPTS", "-Xmx1g"));

    assertThat(config).isEqualTo(ServerConfig.defaults().withTcpPort(7171).withGuestsAllowed(false));
  }

  @Test
  void fileSetsFlagsNotGiven() throws IOException {
    Path file = file("tcp-port=7272\nno-guests = true\nallow-origin=https://a.example,https://b.example\n"
        + "# a comment\nbind=127.0.0.1   \n");

    ServerConfig config = parse(Map.of(), "--config", file.toString());

    assertThat(config)
        .isEqualTo(
            ServerConfig.defaults()
                .withTcpPort(7272)
                .withGuestsAllowed(false)
                .withBind("127.0.0.1")
                .withAllowedOrigins(List.of("https://a.example", "https://b.example")));
  }

  @Test
  void flagWinsOverEnvironmentWhichWinsOverFile() throws IOException {
    Path file = file("tcp-port=1001\nhttp-port=1002\nrate=3\n");
    Map<String, String> env = Map.of("PARLEY_TCP_PORT", "2001", "PARLEY_HTTP_PORT", "2002");

    ServerConfig config = parse(env, "--config", file.toString(), "--tcp-port", "3001");

    assertThat(config.tcpPort()).isEqualTo(3001);
    assertThat(config.httpPort()).isEqualTo(2002);
    assertThat(config.ratePerSecond()).isEqualTo(3);
  }

  @Test
  void parleyConfigNamesTheFileWhenTheFlagDoesNot() throws IOException {
    Path file = file("heartbeat=9\n");

    ServerConfig config = parse(Map.of("PARLEY_CONFIG", file.toString()));

    assertThat(config.heartbeat()).hasSeconds(9);
  }

  @Test
  void anEnvironmentVariableCanTurnAFileSettingOff() throws IOException {
    Path file = file("no-guests=true\n");

    ServerConfig config = parse(Map.of("PARLEY_NO_GUESTS", "false"), "--config", file.toString());

    assertThat(config.guestsAllowed()).isTrue();
  }

  @Test
  void anUnknownKeyIsRefusedNamingFileAndKey() throws IOException {
    Path file = file("tcp-port=7070\ntcp_port=7071\n");

    assertThatThrownBy(() -> parse(Map.of(), "--config", file.toString()))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("unknown key 'tcp_port'");
  }

  @Test
  void theFileCannotNameAnotherFile() throws IOException {
    Path file = file("config=/etc/other.properties\n");

    assertThatThrownBy(() -> parse(Map.of(), "--config", file.toString()))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("unknown key 'config'");
  }

  @Test
  void aMissingFileIsRefusedNamingIt() {
    Path missing = tmp.resolve("nowhere.properties");

    assertThatThrownBy(() -> parse(Map.of(), "--config", missing.toString()))
        .isInstanceOf(ParameterException.class)
        .hasMessage("--config: cannot read " + missing + ": no such file");
  }

  @Test
  void aBadValueInTheEnvironmentIsOneLineNamingTheVariable() {
    Run run = execute(Map.of("PARLEY_TCP_PORT", "abc"), "serve");

    assertThat(run.status).isEqualTo(2);
    assertThat(run.err)
        .isEqualTo("parley: --tcp-port: 'abc' is not a whole number (from PARLEY_TCP_PORT) (see 'parley serve --help')\n");
  }

  @Test
  void aBadBooleanInTheFileIsOneLineNamingFileAndKey() throws IOException {
    Path file = file("no-guests=yes\n");

    Run run = execute(Map.of(), "serve", "--config", file.toString());

    assertThat(run.status).isEqualTo(2);
    assertThat(run.err).startsWith("parley: --no-guests: ").contains("'yes'")
        .contains("(from " + file + ", key no-guests)").hasLineCount(1);
  }

  @Test
  void aValueOutOfRangeFromTheFileNamesFileAndKey() throws IOException {
    Path file = file("rate=0\n");

    Run run = execute(Map.of(), "serve", "--config", file.toString(), "--data-dir", tmp.resolve("d").toString());

    assertThat(run.status).isEqualTo(2);
    assertThat(run.err)
        .isEqualTo("parley: --rate must be at least 1 frame per second (from " + file + ", key rate)"
            + " (see 'parley serve --help')\n");
  }

  @Test
  void anUnknownKeyIsOneLineAtExit2() throws IOException {
    Path file = file("tcp-prot=7070\n");

    Run run = execute(Map.of(), "serve", "--config", file.toString());

    assertThat(run.status).isEqualTo(2);
    assertThat(run.err).startsWith("parley: --config: " + file + ": unknown key 'tcp-prot'").hasLineCount(1);
  }

  @Test
  void helpStillShowsWhenTheFileIsBad() throws IOException {
    Path file = file("tcp-prot=7070\n");

    Run run = execute(Map.of("PARLEY_CONFIG", file.toString()), "serve", "--help");

    assertThat(run.status).isZero();
    assertThat(run.err).isEmpty();
  }

  private Path file(String text) throws IOException {
    Path file = Files.createTempFile(tmp, "parley", ".properties");
    Files.writeString(file, text);
    return file;
  }

  private static ServerConfig parse(Map<String, String> env, String... flags) {
    CommandLine parley = commandLine(env);
    List<String> args = new ArrayList<>(List.of("serve"));
    args.addAll(List.of(flags));
    CommandLine serve = parley.parseArgs(args.toArray(String[]::new)).subcommand().commandSpec().commandLine();
    return ((ServeCommand) serve.getCommand()).config();
  }

  private record Run(int status, String err) {}

  private static Run execute(Map<String, String> env, String... args) {
    CommandLine parley = commandLine(env);
    StringWriter err = new StringWriter();
    parley.setErr(new PrintWriter(err, true));
    parley.setOut(new PrintWriter(new StringWriter(), true));
    int status = parley.execute(args);
    return new Run(status, err.toString());
  }

  private static CommandLine commandLine(Map<String, String> env) {
    CommandLine parley = ParleyCommand.commandLine();
    parley.getSubcommands().get("serve").setDefaultValueProvider(new ServeDefaults(env));
    return parley;
  }
}
