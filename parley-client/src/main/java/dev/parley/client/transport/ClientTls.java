package dev.parley.client.transport;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * The client's TLS context: TLS 1.3 or 1.2, the server's certificate checked against the JDK's
 * authorities (or against one trusted PEM certificate, for self-signed servers) and against the
 * host name dialled. There is no option to skip the check.
 */
final class ClientTls {
  private ClientTls() {}

  static SslContext context(Path trustedCertificate) {
    SslContextBuilder builder =
        SslContextBuilder.forClient()
            .protocols("TLSv1.3", "TLSv1.2")
            .endpointIdentificationAlgorithm("HTTPS");
    try {
      if (trustedCertificate != null) {
        builder.trustManager(trustedCertificate.toFile());
      }
      return builder.build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot use " + trustedCertificate + " as a trusted certificate: " + e.getMessage(), e);
    }
  }
}
