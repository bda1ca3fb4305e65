package dev.parley.client.transport;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how to connect.
 *
 * @param host server host name or address (also the name a TLS certificate must carry)
 * @param port server port
 * @param webSocket the {@code ws://} or {@code wss://} URI to upgrade to, or {@code null} for the
 *     JSON-lines TCP transport
 * @param tls whether to speak TLS, checking the server's certificate
 * @param trustedCertificate a PEM certificate to trust instead of the JDK's authorities, or
 *     {@code null}
 * @param maxFrameBytes the largest frame accepted from the server
 * @param connectTimeout how long a TCP connect may take
 */
public record Dial(
    String host,
    int port,
    URI webSocket,
    boolean tls,
    Path trustedCertificate,
    int maxFrameBytes,
    Duration connectTimeout) {

  @Override
  public String toString() {
    if (webSocket != null) {
      return webSocket.toString();
    }
    return (tls ? "tls://" : "tcp://") + host + ":" + port;
  }
}
