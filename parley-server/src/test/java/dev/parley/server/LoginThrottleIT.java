package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testkit.WireClient;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A password-guessing loop is slowed, then refused unchecked, and the owner gets back in. */
class LoginThrottleIT extends ServerFixture {

  private String attempt(String password) {
    try (WireClient c = connect()) {
      c.sendFrame("type", "hello", "user", "ann", "password", password);
      var frame = c.next();
      return frame.path("type").asText().equals("welcome") ? "welcome" : frame.path("code").asText();
    }
  }

  private String attemptFrom(String address, String... hello) {
    try (WireClient c = WireClient.connectFrom(server().tcpAddress(), InetAddress.getByName(address))) {
      c.sendFrame(hello);
      var frame = c.next();
      return frame.path("type").asText().equals("welcome") ? "welcome" : frame.path("code").asText();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void guessesFromManyAddressesDoNotLockTheOwnerOut() {
    String token = tokenOf(register("bob"));
    for (int host = 4; host < 12; host++) {
      for (int i = 0; i < 3; i++) {
        assertThat(attemptFrom("127.0.0." + host, "type", "hello", "user", "bob", "password", "guess " + host + i))
            .isIn("auth_failed", "rate_limited");
      }
    }

    assertThat(attemptFrom("127.0.0.1", "type", "hello", "user", "bob", "password", PASSWORD))
        .as("from the address bob registered from").isEqualTo("welcome");
    assertThat(attemptFrom("127.0.0.200", "type", "hello", "token", token))
        .as("with bob's token, from anywhere").isEqualTo("welcome");
    assertThat(attemptFrom("127.0.0.50", "type", "hello", "user", "bob", "password", PASSWORD))
        .as("a password login from an address bob never used waits while bob is being guessed at")
        .isEqualTo("rate_limited");
  }

  @Test
  void guessingIsRefusedAfterAFewFailuresAndTheRightPasswordWorksOnceTheDelayPassed() {
    register("ann");
    for (int i = 0; i < 4; i++) {
      assertThat(attempt("guess number " + i)).isEqualTo("auth_failed");
    }

    assertThat(attempt("guess number 5")).isEqualTo("rate_limited");
    assertThat(attempt(PASSWORD)).as("even the right password waits").isEqualTo("rate_limited");

    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
        .until(() -> attempt(PASSWORD).equals("welcome"));
    assertThat(attempt("a wrong one again")).as("a success starts the count again").isEqualTo("auth_failed");
  }
}
