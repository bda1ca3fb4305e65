package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.app.ChatPage.Message;
import dev.parley.app.ClientChaosIT.Heard;
import dev.parley.client.ClientOptions;
import dev.parley.client.Credentials;
import dev.parley.client.Endpoint;
import dev.parley.client.ParleyClient;
import dev.parley.testkit.Haproxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.Cookie;

/**
 * The web page in a real browser through HAProxy's HTTP frontend, before two nodes of one
 * cluster, chatting with a library client connected straight to the other node. The page's
 * node is killed with SIGKILL while the other side keeps talking; the page reconnects through
 * HAProxy to the surviving node, resumes, and shows every message exactly once, in order.
 */
class HaproxyBrowserIT {
  private static final String ROOM = "1001";
  private static final int WHILE_AWAY = 5;
  private static final Duration LIMIT = Duration.ofSeconds(30);

  // Browsers are closed (and pictured, after a failure) before the cluster stops.
  @RegisterExtension @Order(1) final HaproxyCluster cluster = new HaproxyCluster();
  @RegisterExtension @Order(2) final Browsers browsers = new Browsers();
  @TempDir Path dir;

  /** How the page talks: WebSocket, its default, or long-polling when WebSockets are disabled. */
  enum Transport {
    WEBSOCKET("websocket", null),
    LONG_POLLING("poll", BrowserLongPollingIT.Blocked.DISABLED.script);

    final String shown;
    final String beforePage;

    Transport(String shown, String beforePage) {
      this.shown = shown;
      this.beforePage = beforePage;
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void thePageResumesOnTheSurvivingNodeAndShowsEveryMessageOnce(Transport transport) throws Exception {
    Haproxy haproxy = cluster.start(dir, 2);
    Browser browser = browsers.start();
    if (transport.beforePage != null) {
      browser.beforeEveryPage(transport.beforePage);
    }
    ChatPage ann = ChatPage.open(browser, haproxy.httpUri()).register("ann", "correct horse").join(ROOM);
    assertThat(ann.transport()).isEqualTo(transport.shown);
    // HAProxy's cookie names the node that serves every request of this browser.
    String pageNode = nodeCookie(browser);
    if (transport == Transport.WEBSOCKET) {
      assertThat(cluster.holderOf("parley_http_nodes", 1)).as("the node holding the WebSocket").isEqualTo(pageNode);
    }
    String survivor = pageNode.equals("n1") ? "n2" : "n1";

    Heard heard = new Heard();
    int bobsPort = cluster.node(survivor).tcpAddress().getPort();
    try (ParleyClient bob = client(Endpoint.tcp("127.0.0.1", bobsPort), "bob", heard)) {
      bob.join(ROOM).get(30, TimeUnit.SECONDS);
      List<String> said = new ArrayList<>();
      send(bob, "bob before", said);
      ann.awaitMessage("bob", "bob before");
      ann.say("ann before");
      said.add("ann before");
      await().atMost(LIMIT).until(() -> heard.messages.size() == 2);

      cluster.node(pageNode).kill9();
      ann.say("ann typed as her node died");
      said.add("ann typed as her node died");
      for (int i = 1; i <= WHILE_AWAY; i++) {
        send(bob, "bob while away " + i, said);
      }

      ann.awaitMessage("ann", "ann typed as her node died").awaitMessage("bob", "bob while away " + WHILE_AWAY);
      ann.awaitOnline();
      assertThat(nodeCookie(browser)).as("the page's node after the kill").isEqualTo(survivor);
      send(bob, "bob after", said);
      ann.awaitMessage("bob", "bob after");
      ann.say("ann after");
      said.add("ann after");
      await().atMost(LIMIT).until(() -> heard.messages.size() >= said.size());
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
          .until(() -> heard.messages.size() == said.size() && ann.messages().size() == said.size());

      List<Message> bobHeard = heard.messages.stream().map(m -> new Message(m.id(), m.from(), m.text())).toList();
      assertThat(bobHeard).extracting(Message::id).as("bob: every message once, in order")
          .containsExactlyElementsOf(range(said.size()));
      assertThat(bobHeard).extracting(Message::text).containsExactlyInAnyOrderElementsOf(said);
      assertThat(ann.messages()).as("the page: every message once, in order, as bob has them")
          .containsExactlyElementsOf(bobHeard);
      assertThat(ann.pending()).as("nothing left unsent on the page").isEmpty();
    }
  }

  /** The node HAProxy's cookie sends this browser to (n1, n2). */
  private static String nodeCookie(Browser browser) {
    Cookie cookie = browser.driver().manage().getCookieNamed("parley_node");
    assertThat(cookie).as("HAProxy's parley_node cookie").isNotNull();
    return cookie.getValue();
  }

  private static void send(ParleyClient bob, String text, List<String> said) throws Exception {
    bob.send(ROOM, text).get(30, TimeUnit.SECONDS);
    said.add(text);
  }

  private static ParleyClient client(Endpoint endpoint, String user, Heard heard) throws Exception {
    ClientOptions options = ClientOptions.of(endpoint, Credentials.register(user, "correct horse"))
        .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500));
    ParleyClient client = ParleyClient.create(options).addListener(heard);
    client.connect().get(30, TimeUnit.SECONDS);
    return client;
  }

  private static List<Long> range(int n) {
    return LongStream.rangeClosed(1, n).boxed().toList();
  }
}
