package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testkit.TestCertificate;
import dev.parley.testkit.WireClient;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain text to a TLS port is the client's mistake: the connection is closed and counted, and
 * the log gets a line at most now and then, never a stack trace, on the HTTP port as on TCP.
 */
class TlsViolationsIT extends ServerFixture {
  private static final int CONNECTIONS = 20;
  @TempDir static Path keys;
  static TestCertificate certificate;
  private final ServerLog log = ServerLog.capture();

  @BeforeAll
  static void makeCertificate() {
    certificate = TestCertificate.forLoopback(keys);
  }

  @Override
  protected ServerConfig baseConfig(ServerConfig defaults) {
    return defaults.withTls(certificate.cert(), certificate.key());
  }

  @AfterEach
  void stopCapturing() {
    log.close();
  }

  @Test
  void plainHttpToTheHttpsPortIsClosedCountedAndLogsNoStackTrace() {
    for (int i = 0; i < CONNECTIONS; i++) {
      try (RawHttp plain = new RawHttp(server().httpAddress().orElseThrow())) {
        plain.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertThat(plain.isClosedByServer()).isTrue();
      }
    }

    assertThat(MetricsPage.count(server(), violations("http"), trusting())).isEqualTo(CONNECTIONS);
    assertThat(log.stackTraces()).isEmpty();
    assertThat(log.linesWith("protocol violation")).hasSizeBetween(1, 2);
  }

  @Test
  void plainTextToTheTlsTcpPortIsClosedCountedAndLogsNoStackTrace() {
    for (int i = 0; i < CONNECTIONS; i++) {
      try (WireClient plain = WireClient.connect(server().tcpAddress())) {
        plain.send("{\"type\":\"hello\",\"user\":\"mallory\"}");
        assertThat(plain.awaitClosed(Duration.ofSeconds(10)))
            .noneMatch(f -> f.path("type").asText().equals("welcome"));
      }
    }

    assertThat(MetricsPage.count(server(), violations("tcp"), trusting())).isEqualTo(CONNECTIONS);
    assertThat(log.stackTraces()).isEmpty();
    assertThat(log.linesWith("protocol violation")).hasSizeBetween(1, 2);
  }

  private static String violations(String transport) {
    return "parley_protocol_violations_total{kind=\"tls\",transport=\"" + transport + "\"}";
  }

  private static SSLContext trusting() {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(certificate.keyStore());
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
