package dev.parley.server.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Who may read {@code /metrics}, decided without a socket (a test may not reach other addresses). */
class MetricsAccessTest {
  private static final InetAddress REMOTE = address(203, 0, 113, 9);
  private static final InetAddress LOOPBACK = address(127, 0, 0, 1);

  private static InetAddress address(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpHeaders headers(String... namesAndValues) {
    HttpHeaders h = new DefaultHttpHeaders();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      h.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return h;
  }

  @Test
  void withoutATokenOnlyLoopbackReads() {
    MetricsAccess access = new MetricsAccess(null);
    assertThat(access.allows(LOOPBACK, headers())).isTrue();
    assertThat(access.allows(REMOTE, headers())).isFalse();
    assertThat(access.allows(REMOTE, headers("Authorization", "Bearer anything"))).isFalse();
  }

  @Test
  void withATokenARemoteScraperPresentingItReads() {
    MetricsAccess access = new MetricsAccess("t0ken-t0ken-t0ken");
    assertThat(access.allows(REMOTE, headers("Authorization", "Bearer t0ken-t0ken-t0ken"))).isTrue();
    assertThat(access.allows(REMOTE, headers("Authorization", "Bearer t0ken"))).isFalse();
    assertThat(access.allows(REMOTE, headers())).isFalse();
    assertThat(access.allows(LOOPBACK, headers())).isTrue();
  }

  @Test
  void loopbackRelayedByAProxyIsNotLocal() {
    MetricsAccess access = new MetricsAccess(null);
    assertThat(access.allows(LOOPBACK, headers("X-Forwarded-For", "203.0.113.9"))).isFalse();
    assertThat(access.allows(LOOPBACK, headers("Forwarded", "for=203.0.113.9"))).isFalse();
    assertThat(access.allows(LOOPBACK, headers("X-Real-IP", "203.0.113.9"))).isFalse();
  }
}
