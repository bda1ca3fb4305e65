package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.store.NewMessage;
import dev.parley.server.store.sqlite.SqliteStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
  void udpPortInUseIsOneLineNamingTheFlagAndThePort() throws IOException {
    try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      String port = String.valueOf(taken.getLocalPort());

      CommandRun run =
          CommandRun.parley(
              "serve", "--bind", "127.0.0.1", "--tcp-port", "0", "--http-port", "0", "--udp-port", port,
              "--data-dir", tmp.resolve("data").toString());

      assertThat(run.exitCode()).isNotZero();
      assertOneLineWithoutStackTrace(run);
      assertThat(run.stderr()).startsWith("parley: --udp-port").contains(port);
    }
  }

  @Test
  void mqttPortInUseIsOneLineNamingTheFlagAndThePort() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String port = String.valueOf(taken.getLocalPort());

      CommandRun run =
          CommandRun.parley(
              "serve", "--bind", "127.0.0.1", "--tcp-port", "0", "--http-port", "0", "--mqtt-port", port,
              "--data-dir", tmp.resolve("data").toString());

      assertThat(run.exitCode()).isNotZero();
      assertOneLineWithoutStackTrace(run);
      assertThat(run.stderr()).startsWith("parley: --mqtt-port").contains(port);
    }
  }

  @Test
  void ircPortInUseIsOneLineNamingTheFlagAndThePort() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String port = String.valueOf(taken.getLocalPort());

      CommandRun run =
          CommandRun.parley(
              "serve", "--bind", "127.0.0.1", "--tcp-port", "0", "--http-port", "0", "--irc-port", port,
              "--data-dir", tmp.resolve("data").toString());

      assertThat(run.exitCode()).isNotZero();
      assertOneLineWithoutStackTrace(run);
      assertThat(run.stderr()).startsWith("parley: --irc-port").contains(port);
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

  /** Ways a store file is found damaged at start. */
  enum Damage {
    GARBAGE_OVER_THE_HEADER,
    TRUNCATED,
    NOT_SQLITE_AT_ALL
  }

  @ParameterizedTest
  @EnumSource(Damage.class)
  void damagedStoreIsOneLineNamingTheFileAndIsLeftAsItIs(Damage damage) throws IOException {
    Path data = tmp.resolve("data");
    Path file = damagedStore(data, damage);
    byte[] before = Files.readAllBytes(file);

    CommandRun run =
        CommandRun.parley(
            "serve", "--bind", "127.0.0.1", "--tcp-port", "0", "--http-port", "0",
            "--data-dir", data.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertOneLineWithoutStackTrace(run);
    assertThat(run.stderr())
        .startsWith("parley: --data-dir: " + file.toAbsolutePath() + " is ")
        .contains(damage == Damage.TRUNCATED ? "damaged" : "not a SQLite database");
    assertThat(Files.readAllBytes(file)).as("the store file is untouched").isEqualTo(before);
  }

  /** A real store with some history in {@code data}, then damaged. */
  private static Path damagedStore(Path data, Damage damage) throws IOException {
    Files.createDirectories(data);
    Path file = data.resolve(SqliteStore.FILE_NAME);
    if (damage == Damage.NOT_SQLITE_AT_ALL) {
      return Files.writeString(file, "room,text\nlobby,hello\n");
    }
    try (SqliteStore store = SqliteStore.open(data)) {
      List<NewMessage> messages = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        messages.add(new NewMessage("lobby", "alice", "alice", "message " + "x".repeat(200) + i, null));
      }
      store.appendAll(messages);
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      if (damage == Damage.TRUNCATED) {
        raf.setLength(raf.length() / 2);
      } else {
        raf.write("not the header you are looking for".getBytes(StandardCharsets.US_ASCII));
      }
    }
    return file;
  }

  private static void assertOneLineWithoutStackTrace(CommandRun run) {
    assertThat(run.stderrLines()).as("stderr").hasSize(1);
    assertThat(run.stderr()).doesNotContain("Exception").doesNotContainPattern("(?m)^\\s+at ");
    assertThat(run.stdout()).as("stdout").isEmpty();
  }
}
