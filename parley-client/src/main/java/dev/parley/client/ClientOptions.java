package dev.parley.client;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a {@link ParleyClient} needs, immutable; change a copy with the {@code with…}
 * methods.
 *
 * @param endpoint the server
 * @param credentials how to log in the first time
 * @param trustedCertificate a PEM certificate to trust for TLS instead of the JDK's authorities
 *     (for a self-signed server), or {@code null}
 * @param heartbeat how long the server may stay silent before the client pings it; after three
 *     such silences the server is taken for gone. The server's {@code welcome.heartbeat} is used
 *     when shorter.
 * @param minBackoff the first delay before reconnecting; it doubles per failed attempt
 * @param maxBackoff the longest delay before reconnecting
 * @param framesPerSecond how many frames per second the client sends at most (bursts of twice
 *     that); it should not exceed the server's {@code --rate}. The client slows down by itself
 *     when the server says {@code rate_limited}.
 * @param maxFrameBytes the largest frame accepted from the server
 * @param connectTimeout how long dialling may take
 * @param loops threads to share with other clients, or {@code null} for the client's own
 */
public record ClientOptions(
    Endpoint endpoint,
    Credentials credentials,
    Path trustedCertificate,
    Duration heartbeat,
    Duration minBackoff,
    Duration maxBackoff,
    int framesPerSecond,
    int maxFrameBytes,
    Duration connectTimeout,
    ClientLoops loops) {

  public ClientOptions {
    if (endpoint == null || credentials == null) {
      throw new IllegalArgumentException("an endpoint and credentials are needed");
    }
    if (heartbeat.isNegative() || heartbeat.isZero()) {
      throw new IllegalArgumentException("the heartbeat must be positive");
    }
    if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException("backoff must be positive, the maximum at least the minimum");
    }
    if (framesPerSecond < 1) {
      throw new IllegalArgumentException("framesPerSecond must be at least 1");
    }
  }

  /** The defaults: heartbeat 30 s, backoff 250 ms to 30 s, 20 frames/s, 64 KiB frames. */
  public static ClientOptions of(Endpoint endpoint, Credentials credentials) {
    return new ClientOptions(
        endpoint,
        credentials,
        null,
        Duration.ofSeconds(30),
        Duration.ofMillis(250),
        Duration.ofSeconds(30),
        20,
        65536,
        Duration.ofSeconds(10),
        null);
  }

  public ClientOptions withEndpoint(Endpoint v) {
    return new ClientOptions(v, credentials, trustedCertificate, heartbeat, minBackoff, maxBackoff,
        framesPerSecond, maxFrameBytes, connectTimeout, loops);
  }

  public ClientOptions withCredentials(Credentials v) {
    return new ClientOptions(endpoint, v, trustedCertificate, heartbeat, minBackoff, maxBackoff,
        framesPerSecond, maxFrameBytes, connectTimeout, loops);
  }

  public ClientOptions withTrustedCertificate(Path pem) {
    return new ClientOptions(endpoint, credentials, pem, heartbeat, minBackoff, maxBackoff,
        framesPerSecond, maxFrameBytes, connectTimeout, loops);
  }

  public ClientOptions withHeartbeat(Duration v) {
    return new ClientOptions(endpoint, credentials, trustedCertificate, v, minBackoff, maxBackoff,
        framesPerSecond, maxFrameBytes, connectTimeout, loops);
  }

  public ClientOptions withBackoff(Duration min, Duration max) {
    return new ClientOptions(endpoint, credentials, trustedCertificate, heartbeat, min, max,
        framesPerSecond, maxFrameBytes, connectTimeout, loops);
  }

  public ClientOptions withFramesPerSecond(int v) {
    return new ClientOptions(endpoint, credentials, trustedCertificate, heartbeat, minBackoff,
        maxBackoff, v, maxFrameBytes, connectTimeout, loops);
  }

  public ClientOptions withMaxFrameBytes(int v) {
    return new ClientOptions(endpoint, credentials, trustedCertificate, heartbeat, minBackoff,
        maxBackoff, framesPerSecond, v, connectTimeout, loops);
  }

  public ClientOptions withConnectTimeout(Duration v) {
    return new ClientOptions(endpoint, credentials, trustedCertificate, heartbeat, minBackoff,
        maxBackoff, framesPerSecond, maxFrameBytes, v, loops);
  }

  public ClientOptions withLoops(ClientLoops v) {
    return new ClientOptions(endpoint, credentials, trustedCertificate, heartbeat, minBackoff,
        maxBackoff, framesPerSecond, maxFrameBytes, connectTimeout, v);
  }
}
