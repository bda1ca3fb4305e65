package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testkit.WireClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** What scripts and bots post is on the page like any message; a bot account's says so. */
class BrowserScriptsIT {
  @RegisterExtension @Order(1) final ServerProcesses servers = new ServerProcesses();
  @RegisterExtension @Order(2) final Browsers browsers = new Browsers();
  @TempDir Path dataDir;

  @Test
  void aPostOverTheHttpApiAndABotsReplyShowOnThePageOnlyTheBotsWithItsBadge() throws Exception {
    ServerProcess server = servers.start(dataDir);
    ChatPage ann = ChatPage.open(browsers.start(), server).enterAsGuest("ann").join("builds");

    String token;
    try (WireClient ci = WireClient.connect(server.tcpAddress())) {
      ci.sendFrame("type", "register", "user", "ci", "password", "ci-password");
      token = ci.expect("welcome").get("token").asText();
    }
    var post = HttpRequest.newBuilder(URI.create(server.httpUri() + "api/v1/rooms/builds/messages"))
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"build 1234 passed\",\"ref\":\"ci-1234\"}"))
        .build();
    var answer = HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    ann.awaitMessage("ci", "build 1234 passed");

    try (WireClient bot = WireClient.connect(server.tcpAddress())) {
      bot.sendFrame("type", "register", "user", "echo", "password", "echo-password", "bot", true);
      bot.expect("welcome");
      Chat.join(bot, "builds");
      Chat.say(bot, "builds", "noted", "e1");
    }
    ann.awaitMessage("echo", "noted");

    assertThat(ann.js("return [...document.querySelectorAll('#messages li.msg')]"
        + ".map(li => li.dataset.from + ':' + (li.querySelector('.bot-badge') !== null))"))
        .asList()
        .containsExactly("ci:false", "echo:true");
    assertThat(ann.text(By.cssSelector("#messages li.msg[data-from='echo'] .bot-badge"))).isEqualTo("BOT");
  }
}
