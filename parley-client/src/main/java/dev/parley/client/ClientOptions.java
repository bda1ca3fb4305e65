package dev.parley.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a {@link ParleyClient} needs, immutable; change a copy with the {@code with…}
 * methods.
 *
 * @param endpoint the server, or the first of several (see {@code otherServers})
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
 * @param otherServers more servers of the same service (nodes of a cluster), tried in order after
 *     {@code endpoint} when a connection fails; empty for one server
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
    ClientLoops loops,
    List<Endpoint> otherServers) {

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
    otherServers = otherServers == null ? List.of() : List.copyOf(otherServers);
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
        null,
        List.of());
  }

  /** The defaults, with several servers: the first is tried first (see {@link #withServers}). */
  public static ClientOptions of(List<Endpoint> servers, Credentials credentials) {
    return of(first(servers), credentials).withServers(servers);
  }

  /** Every server, the first one first. */
  public List<Endpoint> servers() {
    List<Endpoint> all = new ArrayList<>(1 + otherServers.size());
    all.add(endpoint);
    all.addAll(otherServers);
    return List.copyOf(all);
  }

  /**
   * Several servers of one service (the nodes of a cluster): the client connects to the first
   * and, when a connection fails or is lost, to the next, wrapping around, with the backoff
   * between full rounds.
   */
  public ClientOptions withServers(List<Endpoint> servers) {
    return new ClientOptions(first(servers), credentials, trustedCertificate, heartbeat, minBackoff,
        maxBackoff, framesPerSecond, maxFrameBytes, connectTimeout, loops, servers.subList(1, servers.size()));
  }

  private static Endpoint first(List<Endpoint> servers) {
    if (servers == null || servers.isEmpty()) {
      throw new IllegalArgumentException("at least one server is needed");
    }
    return servers.get(0);
  }

  /** One server (replacing any list given to {@link #withServers}). */
  public ClientOptions withEndpoint(Endpoint v) {
    return new ClientOptions(v, credentials, trustedCertificate, heartbeat, minBackoff, maxBackoff,
        framesPerSecond, maxFrameBytes, connectTimeout, loops, List.of());
  }

  public ClientOptions withCredentials(Credentials v) {
    return new ClientOptions(endpoint, v, trustedCertificate, heartbeat, minBackoff, maxBackoff,
        framesPerSecond, maxFrameBytes, connectTimeout, loops, otherServers);
  }

  public ClientOptions withTrustedCertificate(Path pem) {
    return new ClientOptions(endpoint, credentials, pem, heartbeat, minBackoff, maxBackoff,
        framesPerSecond, maxFrameBytes, connectTimeout, loops, otherServers);
  }

  public ClientOptions withHeartbeat(Duration v) {
    return new ClientOptions(endpoint, credentials, trustedCertificate, v, minBackoff, maxBackoff,
        framesPerSecond, maxFrameBytes, connectTimeout, loops, otherServers);
  }

  public ClientOptions withBackoff(Duration min, Duration max) {
    return new ClientOptions(endpoint, credentials, trustedCertificate, heartbeat, min, max,
        framesPerSecond, maxFrameBytes, connectTimeout, loops, otherServers);
  }

  public ClientOptions withFramesPerSecond(int v) {
    return new ClientOptions(endpoint, credentials, trustedCertificate, heartbeat, minBackoff,
        maxBackoff, v, maxFrameBytes, connectTimeout, loops, otherServers);
  }

  public ClientOptions withMaxFrameBytes(int v) {
    return new ClientOptions(endpoint, credentials, trustedCertificate, heartbeat, minBackoff,
        maxBackoff, framesPerSecond, v, connectTimeout, loops, otherServers);
  }

  public ClientOptions withConnectTimeout(Duration v) {
    return new ClientOptions(endpoint, credentials, trustedCertificate, heartbeat, minBackoff,
        maxBackoff, framesPerSecond, maxFrameBytes, v, loops, otherServers);
  }

  public ClientOptions withLoops(ClientLoops v) {
    return new ClientOptions(endpoint, credentials, trustedCertificate, heartbeat, minBackoff,
        maxBackoff, framesPerSecond, maxFrameBytes, connectTimeout, v, otherServers);
  }
}
