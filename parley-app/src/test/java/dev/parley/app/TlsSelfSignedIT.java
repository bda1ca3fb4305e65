package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --tls-self-signed}: says loudly which file to trust, serves TLS with it, and
 * keeps the same certificate across restarts so trusting clients keep working.
 */
class TlsSelfSignedIT {
  @RegisterExtension final ServerProcesses servers = new ServerProcesses();
  @TempDir Path dataDir;

  @Test
  void aClientTrustingThePrintedFileChatsOverTlsAcrossARestart() throws Exception {
    ServerProcess server = servers.start(dataDir, "--tls-self-signed");
    Path cert = dataDir.resolve("tls/self-signed-cert.pem");
    assertThat(server.stderr()).contains("SELF-SIGNED").contains(cert.toAbsolutePath().toString());
    byte[] issued = Files.readAllBytes(cert);
    assertThat(helloOverTls(server, cert)).contains("\"type\":\"welcome\"");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("tls/self-signed-key.pem"))))
        .as("the private key is the server user's alone").isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("tls"))))
        .isEqualTo("rwx------");

    server.sigterm();
    ServerProcess again = servers.start(dataDir, "--tls-self-signed");

    assertThat(Files.readAllBytes(cert)).isEqualTo(issued);
    assertThat(helloOverTls(again, cert)).contains("\"type\":\"welcome\"");
  }

  /** The done-when of issue 5: the printed flags make {@code ./parley chat} work over TLS. */
  @Test
  void theChatClientWithThePrintedTrustFlagSendsOverTls() {
    ServerProcess server = servers.start(dataDir, "--tls-self-signed");
    String cert = dataDir.resolve("tls/self-signed-cert.pem").toAbsolutePath().toString();
    assertThat(server.stderr()).contains("./parley chat --server localhost:"
        + server.tcpAddress().getPort() + " --tls --trust-cert " + cert);

    try (ChatProcess bot = ChatProcess.start("--server", "localhost:" + server.tcpAddress().getPort(),
        "--tls", "--trust-cert", cert, "--user", "bot", "--room", "1001")) {
      bot.type("hello over TLS\n");
      bot.closeInput();
      assertThat(bot.awaitExit()).as("exit 0 once every line is acknowledged; " + bot.stderr()).isZero();
    }
    try (ChatProcess untrusting = ChatProcess.start("--server", "localhost:" + server.tcpAddress().getPort(),
        "--tls", "--user", "mallory", "--room", "1001")) {
      untrusting.closeInput();
      assertThat(untrusting.awaitExit()).as("a certificate nobody trusts is refused").isNotZero();
    }
  }

  private static String helloOverTls(ServerProcess server, Path cert) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(cert)) {
      trust.setCertificateEntry("parley", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    try (SSLSocket socket =
        (SSLSocket) tls.getSocketFactory().createSocket("localhost", server.tcpAddress().getPort())) {
      var params = socket.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS"); // the name must match, as for real
      socket.setSSLParameters(params);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write("{\"type\":\"hello\",\"user\":\"ann\"}\n".getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }
  }
}
