package dev.parley.server.transport;

import dev.parley.server.ConfigException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Path;

/** Builds the server's TLS context from PEM files: TLS 1.3 and 1.2 only. */
public final class TlsContexts {
  private TlsContexts() {}

  /** The context for the given files, or {@code null} when TLS is not configured. */
  public static SslContext server(Path cert, Path key) {
    if (cert == null) {
      return null;
    }
    try {
      return SslContextBuilder.forServer(cert.toFile(), key.toFile())
          .protocols("TLSv1.3", "TLSv1.2")
          .build();
    } catch (Exception e) {
      throw new ConfigException(
          "--tls-cert/--tls-key: cannot load " + cert + " and " + key + ": " + e.getMessage(), e);
    }
  }
}
