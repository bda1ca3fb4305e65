package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testkit.WireClient;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Registering costs the server a slow hash and a row kept for good, so a flood of
 * registrations is throttled per address and hashed apart from logins: logging in keeps
 * working while someone registers in bulk (security issue, finding 5).
 */
class RegistrationFloodIT extends ServerFixture {

  private WireClient from(String address) {
    try {
      return closeAfter(WireClient.connectFrom(server().tcpAddress(), InetAddress.getByName(address)));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String answer(WireClient client) {
    var frame = client.next();
    return frame.path("type").asText().equals("welcome") ? "welcome" : frame.path("code").asText();
  }

  @Test
  void oneAddressMayRegisterOnlySoManyAccountsAnHour() {
    configure(c -> c.withRegistrationsPerHour(3));
    for (int i = 0; i < 3; i++) {
      from("127.0.0.1").sendFrame("type", "register", "user", "bulk" + i, "password", PASSWORD).expect("welcome");
    }

    WireClient fourth = from("127.0.0.1");
    fourth.sendFrame("type", "register", "user", "bulk3", "password", PASSWORD, "ref", "r4");

    assertThat(refOf(fourth.expectError("rate_limited"))).isEqualTo("r4");
    assertThat(answer(from("127.0.0.2").sendFrame("type", "register", "user", "bulk3", "password", PASSWORD)))
        .isEqualTo("welcome");
    assertThat(answer(from("127.0.0.1").sendFrame("type", "hello", "user", "bulk0", "password", PASSWORD)))
        .as("logging in from the throttled address").isEqualTo("welcome");
  }

  @Test
  void aLoginIsNotQueuedBehindAFloodOfRegistrations() {
    register("owner");
    List<WireClient> flood = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      WireClient c = from("127.0.1." + (i + 1));
      c.sendFrame("type", "register", "user", "flood" + i, "password", PASSWORD);
      flood.add(c);
    }

    WireClient owner = from("127.0.0.1");
    owner.sendFrame("type", "hello", "user", "owner", "password", PASSWORD);
    owner.expect("welcome");

    long unanswered = flood.stream().filter(c -> !c.hasArrived()).count();
    assertThat(unanswered).as("registrations sent earlier and still waiting when the login was answered")
        .isGreaterThanOrEqualTo(5);
    for (WireClient c : flood) {
      assertThat(answer(c)).isIn("welcome", "rate_limited");
    }
  }
}
