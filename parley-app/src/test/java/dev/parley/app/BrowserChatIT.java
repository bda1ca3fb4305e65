package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.app.ChatPage.Message;
import dev.parley.testkit.WireClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.NoAlertPresentException;

/** The web page in a real (headless) Chromium, chatting through a real server process. */
class BrowserChatIT {
  // Browsers are closed (and pictured, after a failure) before the servers stop.
  @RegisterExtension @Order(1) final ServerProcesses servers = new ServerProcesses();
  @RegisterExtension @Order(2) final Browsers browsers = new Browsers();
  @TempDir Path dataDir;

  @Test
  void twoUsersInOneRoomChatBothWays() {
    ServerProcess server = servers.start(dataDir);
    ChatPage ann = ChatPage.open(browsers.start(), server).enterAsGuest("ann").join("1001");
    ChatPage ben = ChatPage.open(browsers.start(), server).register("ben", "correct horse").join("1001");

    ann.say("hi ben");
    ben.awaitMessage("ann", "hi ben");
    ben.sayLines("hi ann", "this is two lines");
    ann.awaitMessage("ben", "hi ann\nthis is two lines");
    ben.awaitMessage("ben", "hi ann\nthis is two lines");

    assertThat(ann.messages()).extracting(Message::text).containsExactly("hi ben", "hi ann\nthis is two lines");
    assertThat(ben.messages()).isEqualTo(ann.messages());
    assertThat(ann.messages()).extracting(Message::id).containsExactly(1L, 2L);
    assertThat(ann.transport()).isEqualTo("websocket");
  }

  @Test
  void markupInAMessageArrivesAsTextAndRunsNothing() {
    String markup = "<img src=x onerror=alert(1)>";
    ServerProcess server = servers.start(dataDir);
    ChatPage mallory = ChatPage.open(browsers.start(), server).enterAsGuest("mallory").join("1001");
    ChatPage victim = ChatPage.open(browsers.start(), server).enterAsGuest("victim").join("1001");

    mallory.say(markup);
    victim.awaitMessage("mallory", markup);
    mallory.awaitMessage("mallory", markup);

    for (ChatPage page : new ChatPage[] {victim, mallory}) {
      assertThat(page.messages()).extracting(Message::text).containsExactly(markup);
      assertThat(page.countInMessages("img")).as("img elements among the messages").isZero();
      assertThatThrownBy(() -> page.browser().driver().switchTo().alert())
          .isInstanceOf(NoAlertPresentException.class);
    }
  }

  @Test
  void aPageAndATcpClientChatInOneRoom() {
    ServerProcess server = servers.start(dataDir);
    try (WireClient nc = WireClient.guest(server.tcpAddress(), "terminal")) {
      Chat.join(nc, "1001");
      ChatPage page = ChatPage.open(browsers.start(), server).enterAsGuest("browser").join("1001");

      page.say("hello from the browser");
      JsonNode msg = Chat.awaitText(nc, "1001", "hello from the browser");
      assertThat(msg.path("from").asText()).isEqualTo("browser");

      Chat.send(nc, "1001", "hello from nc", "t1");
      page.awaitMessage("terminal", "hello from nc");
      assertThat(page.messages()).extracting(Message::from).containsExactly("browser", "terminal");
    }
  }
}
