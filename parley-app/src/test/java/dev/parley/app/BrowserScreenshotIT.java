package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testkit.WireClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.interactions.Actions;

/**
 * Pictures of the chat view, kept as build artifacts ({@code target/screenshots/chat.png} and
 * {@code chat-phone.png}) so a person can see what the page looks like: a conversation with
 * grouped messages, unread badges, a private conversation, and members online and gone.
 */
class BrowserScreenshotIT {
  private static final String PASSWORD = "correct horse";

  // Browsers are closed (and pictured, after a failure) before the servers stop.
  @RegisterExtension @Order(1) final ServerProcesses servers = new ServerProcesses();
  @RegisterExtension @Order(2) final Browsers browsers = new Browsers();
  @TempDir Path dataDir;

  @Test
  void chatViewOnADesktopAndOnAPhone() throws Exception {
    ServerProcess server = servers.start(dataDir);
    try (WireClient maya = WireClient.register(server.tcpAddress(), "maya", PASSWORD);
        WireClient sam = WireClient.register(server.tcpAddress(), "sam", PASSWORD)) {
      Chat.join(maya, "design");
      Chat.join(sam, "design");
      try (WireClient li = WireClient.guest(server.tcpAddress(), "li")) {
        Chat.join(li, "design");
        Chat.say(li, "design", "Heads up: the review moved to 3 pm.", "l1");
      }
      Chat.say(maya, "design", "Morning! Did everyone see the new mockups?", "m1");
      Chat.say(maya, "design", "They are in the shared folder, one per screen size.", "m2");
      Chat.say(sam, "design", "Yes, the sidebar looks much cleaner now.", "s1");

      ChatPage ann = ChatPage.open(browsers.start(), server).register("ann", PASSWORD);
      ann.join("1001").join("design");
      ann.say("Love the colours. Are we shipping today?");
      ann.awaitMessage("ann", "Love the colours. Are we shipping today?");
      Chat.say(maya, "design", "If the browser tests pass, yes.", "m3");
      Chat.say(maya, "design", "Checklist:\n1. screenshots\n2. phone layout\n3. reconnect", "m4");
      Chat.say(sam, "design", "<b>not bold</b>, just text, as it should be", "s2");
      ann.awaitMessage("sam", "<b>not bold</b>, just text, as it should be");

      sam.sendFrame("type", "join", "room", "1001", "ref", "sj");
      Chat.awaitFrame(sam, "joined", "sj");
      Chat.say(sam, "1001", "Anyone up for lunch?", "s3");
      Chat.say(sam, "1001", "12:30 at the usual place", "s4");
      maya.sendFrame("type", "dm", "to", "ann", "text", "Can you look at my PR after lunch?", "ref", "d1");
      ann.until("unread badges", d -> d.findElements(By.cssSelector("#sidebar .badge")).size() == 2);

      ann.browser().emulateScreen(1280, 800);
      // The pointer off the messages, so none is drawn as hovered.
      new Actions(ann.browser().driver()).moveToElement(ann.browser().driver().findElement(By.id("composer"))).perform();
      Path desktop = ann.browser().screenshot(Browser.SCREENSHOTS.resolve("chat.png"));
      ann.browser().emulatePhone(390, 844);
      ann.until("the phone layout: menu and members folded away", d -> (Boolean) ann.js(
          "return document.getElementById('sidebar').getBoundingClientRect().right <= 0"
              + " && document.getElementById('members').offsetParent === null"));
      Path phone = ann.browser().screenshot(Browser.SCREENSHOTS.resolve("chat-phone.png"));
      ann.browser().driver().findElement(By.id("menu-button")).click();
      ann.until("the menu slid in", d -> (Boolean) ann.js(
          "return document.getElementById('sidebar').getBoundingClientRect().left >= 0"));
      Path menu = ann.browser().screenshot(Browser.SCREENSHOTS.resolve("chat-phone-menu.png"));

      for (Path png : new Path[] {desktop, phone, menu}) {
        assertThat(Files.size(png)).as(png.toString()).isGreaterThan(10_000);
      }
    }
  }
}
