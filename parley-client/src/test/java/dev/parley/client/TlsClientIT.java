package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS: the server's certificate is checked, against the JDK's authorities by default or against
 * one PEM certificate the application trusts, and against the host name dialled. A certificate
 * that fails the check is not retried: connecting fails.
 */
class TlsClientIT extends ClientFixture {
  @TempDir static Path keys;

  @BeforeAll
  static void makeCertificate() throws Exception {
    Path p12 = keys.resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p =
        new ProcessBuilder(
                keytool.toString(), "-genkeypair", "-alias", "parley", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(),
                "-storepass", "changeit")
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(p12)) {
      store.load(in, "changeit".toCharArray());
    }
    Files.writeString(keys.resolve("cert.pem"), pem("CERTIFICATE", store.getCertificate("parley").getEncoded()));
    Files.writeString(keys.resolve("key.pem"),
        pem("PRIVATE KEY", store.getKey("parley", "changeit".toCharArray()).getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private ClientOptions tlsOptions(String host) {
    server(c -> c.withTls(keys.resolve("cert.pem"), keys.resolve("key.pem")));
    return options(Credentials.guest("alice"))
        .withEndpoint(Endpoint.tls(host, server().tcpAddress().getPort()));
  }

  @Test
  void aClientTrustingTheServersCertificateChatsOverTls() {
    ParleyClient alice = connect(tlsOptions("127.0.0.1").withTrustedCertificate(keys.resolve("cert.pem")), new Recorder());
    done(alice.join("lobby"));

    assertThat(done(alice.send("lobby", "over TLS")).id()).isEqualTo(1);
  }

  @Test
  void aCertificateNoAuthorityVouchesForFailsTheConnectionForGood() {
    ParleyClient alice = unstarted(tlsOptions("127.0.0.1"));

    assertThatThrownBy(() -> done(alice.connect())).hasMessageContaining("not trusted");
    assertThat(alice.state()).isEqualTo(ConnectionState.CLOSED);
  }

  @Test
  void aCertificateForAnotherHostIsRefusedEvenWhenTrusted() {
    ParleyClient alice = unstarted(tlsOptions("localhost").withTrustedCertificate(keys.resolve("cert.pem")));

    assertThatThrownBy(() -> done(alice.connect())).hasMessageContaining("not trusted");
  }

  @Test
  void anUnreadableTrustedCertificateIsReportedWhenTheClientIsCreated() {
    ClientOptions options = tlsOptions("127.0.0.1").withTrustedCertificate(keys.resolve("missing.pem"));

    assertThatThrownBy(() -> ParleyClient.create(options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing.pem");
  }
}
