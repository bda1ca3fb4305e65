package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testkit.TestCertificate;
import java.nio.file.Path;
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
  static TestCertificate certificate;

  @BeforeAll
  static void makeCertificate() {
    certificate = TestCertificate.forLoopback(keys);
  }

  private ClientOptions tlsOptions(String host) {
    server(c -> c.withTls(certificate.cert(), certificate.key()));
    return options(Credentials.guest("alice"))
        .withEndpoint(Endpoint.tls(host, server().tcpAddress().getPort()));
  }

  @Test
  void aClientTrustingTheServersCertificateChatsOverTls() {
    ParleyClient alice = connect(tlsOptions("127.0.0.1").withTrustedCertificate(certificate.cert()), new Recorder());
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
    ParleyClient alice = unstarted(tlsOptions("localhost").withTrustedCertificate(certificate.cert()));

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
