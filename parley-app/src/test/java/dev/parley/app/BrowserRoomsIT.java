package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.ChatPage.Message;
import dev.parley.testkit.WireClient;
import java.nio.file.Path;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** What the page does besides the chat itself: history, private conversations, unread, login. */
class BrowserRoomsIT {
  private static final String PASSWORD = "correct horse";

  // Browsers are closed (and pictured, after a failure) before the servers stop.
  @RegisterExtension @Order(1) final ServerProcesses servers = new ServerProcesses();
  @RegisterExtension @Order(2) final Browsers browsers = new Browsers();
  @TempDir Path dataDir;

  @Test
  void scrollingToTheTopLoadsOlderMessagesUntilTheBeginning() {
    ServerProcess server = servers.start(dataDir, "--rate", "1000");
    try (WireClient bob = WireClient.guest(server.tcpAddress(), "bob")) {
      Chat.join(bob, "history");
      for (int i = 1; i <= 130; i++) {
        Chat.say(bob, "history", "message " + i, "b" + i);
      }
    }
    ChatPage ann = ChatPage.open(browsers.start(), server).enterAsGuest("ann").join("history");
    ann.until("the newest 50", d -> ann.messages().size() >= 50);
    ann.awaitMessage("bob", "message 130");
    assertThat(ann.messages()).as("a screenful needs no older page yet").hasSize(50);

    // A reader keeps scrolling up; each time the top is reached the page asks for an older page.
    ann.until("all 130 messages, page by page", d -> {
      ann.js("document.getElementById('messages').scrollTop = 0");
      return ann.messages().size() == 130;
    });

    assertThat(ann.messages()).extracting(Message::id).containsExactlyElementsOf(
        LongStream.rangeClosed(1, 130).boxed().toList());
    assertThat(ann.messages().get(0).text()).isEqualTo("message 1");
    ann.until("the beginning shown", d -> ann.text(By.id("history-status")).equals("This is the beginning of #history."));
  }

  @Test
  void roomNamesTypedInAnyCaseAreOneRoom() {
    ServerProcess server = servers.start(dataDir);
    ChatPage ann = ChatPage.open(browsers.start(), server).enterAsGuest("ann").join("Lobby").join("LOBBY");
    try (WireClient bob = WireClient.guest(server.tcpAddress(), "bob")) {
      Chat.join(bob, "lobby");
      Chat.say(bob, "lobby", "one room", "b1");
      ann.awaitMessage("bob", "one room");
    }
    // Read in one script: the sidebar is re-rendered as messages arrive.
    assertThat(ann.js("return [...document.querySelectorAll('#sidebar button[data-room]')]"
        + ".map(b => b.dataset.room)"))
        .asList()
        .containsExactly("lobby");
  }

  @Test
  void privateConversationFromTheMemberListWithAnUnreadBadge() {
    ServerProcess server = servers.start(dataDir);
    ChatPage ann = ChatPage.open(browsers.start(), server).register("ann", PASSWORD).join("1001");
    ChatPage ben = ChatPage.open(browsers.start(), server).register("ben", PASSWORD).join("1001");
    ann.until("ben among the members", d -> !d.findElements(By.cssSelector("#member-list [data-user='ben']")).isEmpty());

    ann.message("ben").say("just between us");
    ann.awaitMessage("ann", "just between us");
    ben.until("an unread badge on the conversation with ann",
        d -> ben.text(By.cssSelector("#dm-list button[data-room='dm:ann:ben'] .badge")).equals("1"));

    ben.select("dm:ann:ben").awaitMessage("ann", "just between us");
    ben.until("the badge gone", d -> d.findElements(By.cssSelector("#dm-list .badge")).isEmpty());
    ben.say("agreed");
    ann.awaitMessage("ben", "agreed");
    assertThat(ann.messages()).extracting(Message::text).containsExactly("just between us", "agreed");
  }

  @Test
  void aReloadedPageStaysLoggedInWithItsTokenKeptOutOfTheAddress() {
    ServerProcess server = servers.start(dataDir);
    ChatPage ann = ChatPage.open(browsers.start(), server).register("ann", PASSWORD).join("1001");
    ann.say("still here after a reload?");
    ann.awaitMessage("ann", "still here after a reload?");

    ann.browser().driver().navigate().refresh();

    ann.awaitOnline().awaitMessage("ann", "still here after a reload?");
    assertThat(ann.text(By.id("me-name"))).isEqualTo("ann");
    assertThat(ann.browser().driver().getCurrentUrl()).isEqualTo(server.httpUri().toString());
    assertThat((String) ann.js("return localStorage.getItem('parley.token')")).hasSizeGreaterThan(20);
  }

  @Test
  void loggingOutRevokesTheTokenOnTheServerNotOnlyInThePage() {
    ServerProcess server = servers.start(dataDir);
    ChatPage ann = ChatPage.open(browsers.start(), server).register("ann", PASSWORD).join("1001");
    String token = (String) ann.js("return localStorage.getItem('parley.token')");
    assertThat(token).hasSizeGreaterThan(20);

    ann.browser().driver().findElement(org.openqa.selenium.By.id("logout")).click();

    assertThat((String) ann.js("return localStorage.getItem('parley.token')")).isNull();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
      try (WireClient retry = WireClient.connect(server.tcpAddress())) {
        retry.sendFrame("type", "hello", "token", token);
        assertThat(retry.next().path("code").asText()).isEqualTo("auth_failed");
      }
    });
  }
}
