package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley serve} started as a service manager would: settings from PARLEY_* variables and
 * a --config file, with flags winning over the environment and the environment over the file.
 * The listening line shows which value won.
 */
class ServeConfigurationIT {
  @RegisterExtension final ServerProcesses servers = new ServerProcesses();
  @TempDir Path tmp;

  @Test
  void settingsComeFromTheEnvironment() {
    int port = ServerProcess.freePort();

    ServerProcess server = servers.startWithEnvironment(Map.of(
        "PARLEY_BIND", "127.0.0.1",
        "PARLEY_TCP_PORT", String.valueOf(port),
        "PARLEY_HTTP_PORT", "0",
        "PARLEY_DATA_DIR", tmp.resolve("data").toString()));

    assertThat(server.tcpAddress().getPort()).isEqualTo(port);
    assertThat(server.stdoutLines().get(0)).startsWith("parley listening tcp=127.0.0.1:" + port + " ");
  }

  @Test
  void settingsComeFromTheFileNamedByConfig() throws IOException {
    int port = ServerProcess.freePort();
    Path file = configFile("bind=127.0.0.1\ntcp-port=" + port + "\nhttp-port=0\n");

    ServerProcess server = servers.startWithEnvironment(Map.of(), "--config", file.toString());

    assertThat(server.tcpAddress().getPort()).isEqualTo(port);
  }

  @Test
  void theEnvironmentWinsOverTheFile() throws IOException {
    int filePort = ServerProcess.freePort();
    int envPort = ServerProcess.freePort();
    Path file = configFile("bind=127.0.0.1\ntcp-port=" + filePort + "\nhttp-port=0\n");

    ServerProcess server = servers.startWithEnvironment(
        Map.of("PARLEY_CONFIG", file.toString(), "PARLEY_TCP_PORT", String.valueOf(envPort)));

    assertThat(server.tcpAddress().getPort()).isEqualTo(envPort);
  }

  @Test
  void aFlagWinsOverTheEnvironmentAndTheFile() throws IOException {
    int filePort = ServerProcess.freePort();
    int envPort = ServerProcess.freePort();
    int flagPort = ServerProcess.freePort();
    Path file = configFile("bind=127.0.0.1\ntcp-port=" + filePort + "\nhttp-port=0\n");

    ServerProcess server = servers.startWithEnvironment(
        Map.of("PARLEY_TCP_PORT", String.valueOf(envPort)),
        "--config", file.toString(), "--tcp-port", String.valueOf(flagPort));

    assertThat(server.tcpAddress().getPort()).isEqualTo(flagPort);
  }

  private Path configFile(String settings) throws IOException {
    Path file = tmp.resolve("parley.properties");
    Files.writeString(file, settings + "data-dir=" + tmp.resolve("data") + "\n");
    return file;
  }
}
