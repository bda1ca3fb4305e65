package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line's answers that need no running server: version, help, and refusals. */
class CommandLineIT {
  @TempDir Path tmp;

  @Test
  void versionPrintsTheProjectVersion() {
    CommandRun run = CommandRun.parley("--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).isEqualTo("parley 0.1.0\n");
  }

  @Test
  void helpListsTheServeCommand() {
    CommandRun run = CommandRun.parley("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).contains("Usage: parley").containsPattern("(?m)^\\s+serve\\s");
  }

  @Test
  void launcherRunsFromAnyDirectory() {
    CommandRun run = CommandRun.launcher(tmp, "--version");

    assertThat(run.exitCode()).as("stderr: %s", run.stderr()).isZero();
    assertThat(run.stdout()).isEqualTo("parley 0.1.0\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--tcp-port abc", "--bogus", "--rate", "--tcp-port 70000"})
  void badFlagIsOneLineAndExitStatusTwo(String flags) {
    String[] args = ("serve --data-dir " + tmp.resolve("data") + " " + flags).split(" ");

    CommandRun run = CommandRun.parley(args);

    assertThat(run.exitCode()).isEqualTo(2);
    assertOneLineWithoutStackTrace(run);
    assertThat(run.stderr()).startsWith("parley: ").contains(flags.split(" ")[0]);
  }

  @Test
  void portInUseIsOneLineNamingThePort() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String port = String.valueOf(taken.getLocalPort());

      CommandRun run =
          CommandRun.parley(
              "serve", "--bind", "127.0.0.1", "--tcp-port", port, "--http-port", "0",
              "--data-dir", tmp.resolve("data").toString());

      assertThat(run.exitCode()).isNotZero();
      assertOneLineWithoutStackTrace(run);
      assertThat(run.stderr()).startsWith("parley: ").contains(port);
    }
  }

  @Test
  void dataDirBeneathAFileIsOneLine() throws IOException {
    Path file = Files.writeString(tmp.resolve("file"), "in the way");

    CommandRun run =
        CommandRun.parley(
            "serve", "--bind", "127.0.0.1", "--tcp-port", "0", "--http-port", "0",
            "--data-dir", file.resolve("sub").toString());

    assertThat(run.exitCode()).isNotZero();
    assertOneLineWithoutStackTrace(run);
    assertThat(run.stderr()).startsWith("parley: --data-dir").contains(file.resolve("sub").toString());
  }

  @Test
  void missingCertificateIsOneLine() {
    Path missing = tmp.resolve("missing.pem");

    CommandRun run =
        CommandRun.parley(
            "serve", "--bind", "127.0.0.1", "--tcp-port", "0", "--http-port", "0",
            "--data-dir", tmp.resolve("data").toString(),
            "--tls-cert", missing.toString(), "--tls-key", missing.toString());

    assertThat(run.exitCode()).isNotZero();
    assertOneLineWithoutStackTrace(run);
    assertThat(run.stderr()).startsWith("parley: --tls-cert").contains(missing.toString());
  }

  private static void assertOneLineWithoutStackTrace(CommandRun run) {
    assertThat(run.stderrLines()).as("stderr").hasSize(1);
    assertThat(run.stderr()).doesNotContain("Exception").doesNotContainPattern("(?m)^\\s+at ");
    assertThat(run.stdout()).as("stdout").isEmpty();
  }
}
