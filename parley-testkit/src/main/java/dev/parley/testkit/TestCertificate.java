package dev.parley.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway TLS certificate for 127.0.0.1 (an IP name only, so {@code localhost} does not
 * match it), made with the JDK's own keytool and written out as the PEM files the server's
 * {@code --tls-cert}/{@code --tls-key} take: the certificate and a PKCS#8 key.
 *
 * @param keyStore the same certificate and key, for a test's trust manager
 */
public record TestCertificate(Path cert, Path key, KeyStore keyStore) {
  private static final String ALIAS = "parley";
  private static final char[] PASSWORD = "changeit".toCharArray();

  public static TestCertificate forLoopback(Path dir) {
    try {
      Path p12 = dir.resolve("server.p12");
      Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
      Process p =
          new ProcessBuilder(
                  keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
                  "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
                  "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(),
                  "-storepass", new String(PASSWORD))
              .redirectErrorStream(true)
              .start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(p12)) {
        store.load(in, PASSWORD);
      }
      Path cert = dir.resolve("cert.pem");
      Path key = dir.resolve("key.pem");
      Files.writeString(cert, pem("CERTIFICATE", store.getCertificate(ALIAS).getEncoded()));
      Files.writeString(key, pem("PRIVATE KEY", store.getKey(ALIAS, PASSWORD).getEncoded()));
      return new TestCertificate(cert, key, store);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
