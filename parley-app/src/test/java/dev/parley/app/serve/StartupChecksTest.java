package dev.parley.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupChecksTest {
  @TempDir Path tmp;

  @Test
  void aMissingDataDirIsCreated() {
    Path dir = tmp.resolve("a/b/data");

    StartupChecks.writableDirectory("--data-dir", dir);

    assertThat(dir).as("created, and the probe file is gone").isEmptyDirectory();
  }

  @Test
  void aDataDirBeneathAFileIsRefusedNamingFlagAndPath() throws IOException {
    Path file = Files.writeString(tmp.resolve("file"), "x");

    assertThatThrownBy(() -> StartupChecks.writableDirectory("--data-dir", file.resolve("sub")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("--data-dir: ")
        .hasMessageContaining(file.resolve("sub").toString());
  }

  @Test
  void aPortInUseIsRefusedNamingFlagAndPortBeforeAnythingStarts() throws IOException {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> StartupChecks.freeStreamPort("--irc-port", "127.0.0.1", port))
          .isInstanceOf(ConfigException.class)
          .hasMessage("--irc-port: port " + port + " on 127.0.0.1 is already in use or not available");
    }
  }

  @Test
  void aFreePortAndAPortChosenAtStartPass() throws IOException {
    int free;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      free = probe.getLocalPort();
    }
    StartupChecks.freeStreamPort("--tcp-port", "127.0.0.1", free);
    StartupChecks.freeStreamPort("--tcp-port", "127.0.0.1", 0);
    StartupChecks.freeDatagramPort("--udp-port", "127.0.0.1", -1);
  }

  @Test
  void aMissingCertificateIsRefused() {
    assertThatThrownBy(() -> StartupChecks.readablePem("--tls-cert", tmp.resolve("none.pem")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--tls-cert: cannot read " + tmp.resolve("none.pem") + ": no such file or directory");
  }

  @Test
  void aFileWithoutPemArmourIsRefused() throws IOException {
    Path der = Files.write(tmp.resolve("cert.der"), new byte[] {0x30, (byte) 0x82, 0x01});

    assertThatThrownBy(() -> StartupChecks.readablePem("--tls-cert", der))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not a PEM file");
  }

  @Test
  void aPemFileIsAccepted() throws IOException {
    Path pem = Files.writeString(tmp.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

    assertThatCode(() -> StartupChecks.readablePem("--tls-cert", pem)).doesNotThrowAnyException();
  }
}
