package dev.parley.server.transport;

import dev.parley.server.ConfigException;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the server's TLS context from PEM files: TLS 1.3 and 1.2 only, forward-secret AEAD
 * cipher suites only, on OpenSSL (the BoringSSL that netty-tcnative bundles) where it loads and
 * on the JDK's provider otherwise.
 */
public final class TlsContexts {
  private static final Logger log = LoggerFactory.getLogger(TlsContexts.class);

  /** TLS 1.3's suites, then TLS 1.2's ECDHE with AES-GCM or ChaCha20-Poly1305. */
  static final List<String> CIPHER_SUITES =
      List.of(
          "TLS_AES_128_GCM_SHA256",
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private TlsContexts() {}

  /** The context for the given files, or {@code null} when TLS is not configured. */
  public static SslContext server(Path cert, Path key) {
    if (cert == null) {
      return null;
    }
    SslProvider provider = provider();
    try {
      return SslContextBuilder.forServer(cert.toFile(), key.toFile())
          .sslProvider(provider)
          .protocols("TLSv1.3", "TLSv1.2")
          .ciphers(CIPHER_SUITES, SupportedCipherSuiteFilter.INSTANCE)
          .build();
    } catch (Exception e) {
      throw new ConfigException(
          "--tls-cert/--tls-key: cannot load " + cert + " and " + key + ": " + e.getMessage(), e);
    }
  }

  private static SslProvider provider() {
    if (OpenSsl.isAvailable()) {
      log.info("TLS by {}", OpenSsl.versionString());
      return SslProvider.OPENSSL;
    }
    log.info("TLS by the JDK: OpenSSL is not available here ({})", OpenSsl.unavailabilityCause().toString());
    return SslProvider.JDK;
  }
}
