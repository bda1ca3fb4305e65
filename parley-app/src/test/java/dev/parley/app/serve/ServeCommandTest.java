package dev.parley.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.app.ParleyCommand;
import dev.parley.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class ServeCommandTest {

  @Test
  void withoutFlagsTheConfigIsTheDefaults() {
    assertThat(parse()).isEqualTo(ServerConfig.defaults());
  }

  @Test
  void everyFlagLandsInTheConfig() {
    ServerConfig config =
        parse(
            "--bind", "127.0.0.1", "--tcp-port", "0", "--http-port", "9090", "--udp-port", "0", "--data-dir", "/tmp/x",
            "--heartbeat", "5", "--no-guests", "--max-frame", "1024", "--rate", "100",
            "--max-pending", "65536", "--tls-cert", "c.pem", "--tls-key", "k.pem",
            "--metrics-token-file", "/etc/parley/metrics-token",
            "--postgres", "postgresql://parley@db:5433/chat");

    assertThat(config)
        .isEqualTo(
            ServerConfig.defaults()
                .withBind("127.0.0.1")
                .withTcpPort(0)
                .withHttpPort(9090)
                .withUdpPort(0)
                .withDataDir(Path.of("/tmp/x"))
                .withHeartbeat(Duration.ofSeconds(5))
                .withGuestsAllowed(false)
                .withMaxFrameBytes(1024)
                .withRatePerSecond(100)
                .withMaxPendingBytes(65536)
                .withMetricsTokenFile(Path.of("/etc/parley/metrics-token"))
                .withPostgres("postgresql://parley@db:5433/chat")
                .withTls(Path.of("c.pem"), Path.of("k.pem")));
  }

  @Test
  void aValueOutOfRangeIsAUsageErrorNamingTheFlag() {
    assertThatThrownBy(() -> parse("--rate", "0"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--rate");
  }

  @Test
  void udpIsOffUnlessAPortIsGiven() {
    assertThat(parse().udpPort()).isEqualTo(-1);
    assertThat(parse("--udp-port", "7071").udpPort()).isEqualTo(7071);
    assertThatThrownBy(() -> parse("--udp-port", "70000"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--udp-port");
  }

  @Test
  void mqttIsOffUnlessAPortIsGiven() {
    assertThat(parse().mqttPort()).isEqualTo(-1);
    assertThat(parse("--mqtt-port", "1884").mqttPort()).isEqualTo(1884);
    assertThat(parse("--mqtt-port", "0").mqttPort()).isZero();
    assertThatThrownBy(() -> parse("--mqtt-port", "70000"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--mqtt-port");
  }

  @Test
  void aPostgresUrlOfAnotherShapeIsAUsageErrorNamingTheFlag() {
    assertThatThrownBy(() -> parse("--postgres", "mysql://root@db/chat"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--postgres")
        .hasMessageContaining("postgresql://USER@HOST:PORT/DATABASE");
  }

  @Test
  void aCertificateWithoutAKeyIsAUsageError() {
    assertThatThrownBy(() -> parse("--tls-cert", "c.pem"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--tls-key");
  }

  private static ServerConfig parse(String... flags) {
    CommandLine parley = ParleyCommand.commandLine();
    String[] args = new String[flags.length + 1];
    args[0] = "serve";
    System.arraycopy(flags, 0, args, 1, flags.length);
    CommandLine serve = parley.parseArgs(args).subcommand().commandSpec().commandLine();
    return ((ServeCommand) serve.getCommand()).config();
  }
}
