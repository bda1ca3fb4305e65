package dev.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.Endpoint;
import org.junit.jupiter.api.Test;

class ServerAddressesTest {
  @Test
  void severalServersAreTriedInTheOrderGiven() {
    assertThat(ServerAddresses.parse("a:7070, b:7071", false))
        .containsExactly(Endpoint.tcp("a", 7070), Endpoint.tcp("b", 7071));
    assertThat(ServerAddresses.normalise("a:7070, b:7071")).isEqualTo("a:7070,b:7071");
  }

  @Test
  void tlsAndWebSocketAddressesAreUnderstood() {
    assertThat(ServerAddresses.parse("a:7443", true)).containsExactly(Endpoint.tls("a", 7443));
    assertThat(ServerAddresses.parse("ws://a:8080/ws", false).get(0).isWebSocket()).isTrue();
  }

  @Test
  void aBadEntryIsNamed() {
    assertThatThrownBy(() -> ServerAddresses.parse("a:7070,,b", false)).hasMessageContaining("empty entry");
    assertThatThrownBy(() -> ServerAddresses.parse("a:port", false)).hasMessageContaining("'a:port'");
    assertThatThrownBy(() -> ServerAddresses.parse("http://a", false)).hasMessageContaining("'http://a'");
    assertThatThrownBy(() -> ServerAddresses.parse(" ", false)).hasMessageContaining("missing");
  }
}
