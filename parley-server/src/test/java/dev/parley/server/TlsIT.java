package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.transport.TlsContexts;
import dev.parley.testkit.WireClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --tls-cert}/{@code --tls-key} on the TCP listener: a TLS client chats; a plain-text
 * client is refused without harm. The certificate is made for the test with the JDK's keytool
 * and written out as PEM (certificate and PKCS#8 key), the form the flags take.
 */
class TlsIT {
  @TempDir static Path keys;
  @TempDir Path data;
  static KeyStore keyStore;

  @BeforeAll
  static void makeCertificate() throws Exception {
    Path p12 = keys.resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p =
        new ProcessBuilder(
                keytool.toString(), "-genkeypair", "-alias", "parley", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(),
                "-storepass", "changeit")
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    keyStore = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(p12)) {
      keyStore.load(in, "changeit".toCharArray());
    }
    Certificate cert = keyStore.getCertificate("parley");
    var key = keyStore.getKey("parley", "changeit".toCharArray());
    Files.writeString(keys.resolve("cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
    Files.writeString(keys.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private ParleyServer start() {
    return ParleyServer.start(
        ServerConfig.forTests(data).withTls(keys.resolve("cert.pem"), keys.resolve("key.pem")));
  }

  @Test
  void aTlsClientLogsInAndChats() throws Exception {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(keyStore);
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
    var context = TlsContexts.server(keys.resolve("cert.pem"), keys.resolve("key.pem"));
    var engine = context.newEngine(io.netty.buffer.ByteBufAllocator.DEFAULT);
    assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.2", "TLSv1.3");
  }
}
