package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.transport.TlsContexts;
import dev.parley.testkit.TestCertificate;
import dev.parley.testkit.WireClient;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --tls-cert}/{@code --tls-key} on the TCP listener: a TLS client chats; a plain-text
 * client is refused without harm. The certificate is the test kit's throwaway one, as PEM.
 */
class TlsIT {
  @TempDir static Path keys;
  @TempDir Path data;
  static TestCertificate certificate;

  @BeforeAll
  static void makeCertificate() {
    certificate = TestCertificate.forLoopback(keys);
  }

  private ParleyServer start() {
    return ParleyServer.start(
        ServerConfig.forTests(data).withTls(certificate.cert(), certificate.key()));
  }

  @Test
  void aTlsClientLogsInAndChats() throws Exception {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(certificate.keyStore());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    try (ParleyServer server = start();
        SSLSocket socket =
            (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", server.tcpAddress().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out.write("{\"type\":\"hello\",\"user\":\"alice\"}\n{\"type\":\"join\",\"room\":\"tls\"}\n".getBytes(StandardCharsets.UTF_8));
      out.write("{\"type\":\"send\",\"room\":\"tls\",\"text\":\"secret\",\"ref\":\"s1\"}\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertThat(in.readLine()).contains("\"type\":\"welcome\"");
      assertThat(in.readLine()).contains("\"type\":\"joined\"");
      assertThat(in.readLine()).contains("\"type\":\"ack\"");
      assertThat(in.readLine()).contains("\"text\":\"secret\"");
      assertThat(socket.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
    }
  }

  @Test
  void theIrcGatewaySpeaksTlsToo() throws Exception {
    try (ParleyServer server = ParleyServer.start(
            ServerConfig.forTests(data).withTls(certificate.cert(), certificate.key()).withIrcPort(0));
        SSLSocket socket = (SSLSocket) trusting().getSocketFactory()
            .createSocket("127.0.0.1", server.ircAddress().orElseThrow().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out.write("NICK alice\r\nUSER alice 0 * :Alice\r\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertThat(in.readLine()).isEqualTo(":parley 001 alice :Welcome to Parley, alice");
      assertThat(socket.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
    }
  }

  private static SSLContext trusting() throws Exception {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(certificate.keyStore());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  @Test
  void webSocketOverTlsChats() throws Exception {
    try (ParleyServer server = start()) {
      int port = server.httpAddress().orElseThrow().getPort();
      WireClient ann = WireClient.webSocket(URI.create("wss://127.0.0.1:" + port + "/ws"), null, trusting());
      ann.sendFrame("type", "hello", "user", "ann").expect("welcome");
      ann.sendFrame("type", "join", "room", "wss").expect("joined");
      ann.sendFrame("type", "send", "room", "wss", "text", "secret", "ref", "s1").expect("ack");
      assertThat(ann.expect("msg").path("text").asText()).isEqualTo("secret");
      ann.close();
    }
  }

  @Test
  void longPollingOverHttpsChats() throws Exception {
    try (ParleyServer server = start()) {
      int port = server.httpAddress().orElseThrow().getPort();
      WireClient ann = WireClient.longPoll(URI.create("https://127.0.0.1:" + port + "/"), trusting());
      ann.sendFrame("type", "hello", "user", "ann").expect("welcome");
      ann.sendFrame("type", "join", "room", "https").expect("joined");
      ann.sendFrame("type", "send", "room", "https", "text", "secret", "ref", "s1").expect("ack");
      assertThat(ann.expect("msg").path("text").asText()).isEqualTo("secret");
      ann.close();
    }
  }

  @Test
  void aPlainTextClientIsRefusedAndTheServerCarriesOn() {
    try (ParleyServer server = start(); WireClient plain = WireClient.connect(server.tcpAddress())) {
      plain.send("{\"type\":\"hello\",\"user\":\"mallory\"}");
      assertThat(plain.awaitClosed(Duration.ofSeconds(10)))
          .noneMatch(f -> f.path("type").asText().equals("welcome"));
    }
  }

  /**
   * Checked on the server's own engine: a JDK client cannot test this from the wire, since it
   * refuses TLS 1.1 itself whatever the server would do.
   */
  @Test
  void theServerEnablesOnlyTlsOnePointTwoAndOnePointThree() {
    var context = TlsContexts.server(certificate.cert(), certificate.key());
    var engine = context.newEngine(io.netty.buffer.ByteBufAllocator.DEFAULT);
    // OpenSSL's engine also lists "SSLv2Hello": the old ClientHello format, not a protocol.
    assertThat(engine.getEnabledProtocols())
        .filteredOn(p -> !p.equals("SSLv2Hello"))
        .containsExactlyInAnyOrder("TLSv1.2", "TLSv1.3");
  }

  /** The bundled BoringSSL loads on this machine, so the server uses it rather than the JDK. */
  @Test
  void theServerUsesOpenSslWhereTheBundledLibraryLoads() {
    assertThat(OpenSsl.isAvailable()).as("OpenSSL unavailable: %s", OpenSsl.unavailabilityCause()).isTrue();
    assertThat(TlsContexts.server(certificate.cert(), certificate.key())).isInstanceOf(OpenSslContext.class);
  }

  @Test
  void theServerEnablesOnlyForwardSecretAeadCipherSuites() {
    var engine = TlsContexts.server(certificate.cert(), certificate.key())
        .newEngine(io.netty.buffer.ByteBufAllocator.DEFAULT);
    assertThat(engine.getEnabledCipherSuites())
        .isNotEmpty()
        .allSatisfy(suite -> assertThat(suite).matches("TLS_(ECDHE_(RSA|ECDSA)_WITH_)?(AES_(128|256)_GCM|CHACHA20_POLY1305)_SHA(256|384)"));
  }

  /** A TLS 1.2 client that offers weak suites first still gets a forward-secret AEAD one. */
  @Test
  void aTlsOnePointTwoClientOfferingWeakSuitesFirstGetsTheModernOne() throws Exception {
    try (ParleyServer server = start();
        SSLSocket socket = tlsOnePointTwo(server,
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")) {
      socket.startHandshake();
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
      assertThat(socket.getSession().getCipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
    }
  }

  /** The server, not the client, ends a handshake that offers only CBC suites: with an alert. */
  @Test
  void aClientOfferingOnlyWeakSuitesIsRefusedByTheServer() throws Exception {
    try (ParleyServer server = start();
        SSLSocket socket = tlsOnePointTwo(server,
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384")) {
      assertThatThrownBy(socket::startHandshake)
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("Received fatal alert");
    }
  }

  private static SSLSocket tlsOnePointTwo(ParleyServer server, String... suites) throws Exception {
    var socket = (SSLSocket) trusting().getSocketFactory()
        .createSocket("127.0.0.1", server.tcpAddress().getPort());
    socket.setSoTimeout(10_000);
    socket.setEnabledProtocols(new String[] {"TLSv1.2"});
    socket.setEnabledCipherSuites(suites);
    return socket;
  }
}
