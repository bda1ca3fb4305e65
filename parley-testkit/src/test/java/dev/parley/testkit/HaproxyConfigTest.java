package dev.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HaproxyConfigTest {
  private static final HaproxyConfig TWO_NODES = new HaproxyConfig("127.0.0.1:7070", "127.0.0.1:8080", "127.0.0.1:8404",
      List.of(new HaproxyConfig.Node("n1", "127.0.0.1", 7071, 8081), new HaproxyConfig.Node("n2", "10.0.0.2", 7072, 8082)));

  @Test
  void eachNodeIsCheckedOnItsHttpPortAndItsTcpPortFollowsThatCheck() {
    String text = TWO_NODES.render();

    assertThat(text).contains(
        "    server n1 127.0.0.1:8081 check cookie n1\n    server n2 10.0.0.2:8082 check cookie n2\n",
        "    server n1 127.0.0.1:7071 track parley_http_nodes/n1\n    server n2 10.0.0.2:7072 track parley_http_nodes/n2\n");
  }

  @Test
  void theListenersAreBoundWhereAsked() {
    String text = TWO_NODES.render();

    assertThat(text).contains("bind 127.0.0.1:7070\n", "bind 127.0.0.1:8080\n", "bind 127.0.0.1:8404\n");
    assertThat(text).doesNotContain("@");
  }

  @Test
  void aNodeNameThatCannotBeACookieValueIsRefused() {
    assertThatThrownBy(() -> new HaproxyConfig.Node("node 1", "127.0.0.1", 1, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node 1");
  }
}
