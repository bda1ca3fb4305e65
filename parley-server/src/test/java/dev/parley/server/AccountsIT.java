package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code logout}: the token a connection used is revoked, and the connection ends. */
@ParameterizedClass(name = "{0}")
@EnumSource(Transport.class)
class AccountsIT extends ServerFixture {

  @Test
  void logoutRevokesTheTokenAndEndsTheConnection() {
    WireClient ann = register("ann");
    String token = tokenOf(ann);
    WireClient phone = resume(token);

    phone.sendFrame("type", "logout", "ref", "out");
    List<JsonNode> last = phone.awaitClosed(Duration.ofSeconds(10));

    assertThat(last).extracting(f -> f.path("type").asText() + " " + f.path("reason").asText())
        .containsExactly("bye logout");
    WireClient retry = connect();
    retry.sendFrame("type", "hello", "token", token);
    retry.expectError("auth_failed");
    ann.sendFrame("type", "ping", "ref", "still");
    assertThat(refOf(ann.expect("pong"))).isEqualTo("still");
  }

  @Test
  void aGuestLogsOutByLeaving() {
    WireClient guest = guest("visitor");
    guest.sendFrame("type", "logout");
    assertThat(guest.awaitClosed(Duration.ofSeconds(10)))
        .extracting(f -> f.path("reason").asText())
        .containsExactly("logout");
  }
}
