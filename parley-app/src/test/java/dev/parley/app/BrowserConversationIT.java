package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.ChatPage.Message;
import dev.parley.app.ChatPage.Result;
import dev.parley.testkit.WireClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * The conversation features on the page, between real browsers on a real server: who is typing,
 * edits and deletes shown in place, the topic, read marks that agree across devices, and search
 * that jumps back into history. Saves {@code typing.png}, {@code edited.png},
 * {@code message-menu.png}, {@code topic.png}, {@code search.png} and {@code search-jump.png}
 * to target/screenshots.
 */
class BrowserConversationIT {
  private static final String PASSWORD = "correct horse";

  // Browsers are closed (and pictured, after a failure) before the servers stop.
  @RegisterExtension @Order(1) final ServerProcesses servers = new ServerProcesses();
  @RegisterExtension @Order(2) final Browsers browsers = new Browsers();
  @TempDir Path dataDir;
  private final List<ChatPage> pages = new ArrayList<>();

  @Test
  void typingShowsOnTheOtherPageAndClearsWhenTheMessageArrivesOrAfterAPause() throws Exception {
    ServerProcess server = servers.start(dataDir);
    ChatPage ann = open(server).register("ann", PASSWORD).join("1001");
    ChatPage ben = open(server).register("ben", PASSWORD).join("1001");
    ann.say("anyone around?").awaitMessage("ann", "anyone around?");
    ben.awaitMessage("ann", "anyone around?");

    ben.type("yes, one sec");
    ann.until("ben shown typing", d -> ann.typingLine().equals("ben is typing…"));
    assertThat(ben.typingLine()).as("one's own typing is not shown to oneself").isEmpty();
    pointAtComposer(ann);
    screenshot(ann, "typing.png");

    ben.press(Keys.ENTER);
    ann.awaitMessage("ben", "yes, one sec");
    assertThat(ann.typingLine()).as("cleared by ben's message, not by the pause").isEmpty();

    ben.type("hmm");
    ann.until("ben typing again", d -> ann.typingLine().equals("ben is typing…"));
    ann.until("the typing line gone after ben paused", d -> ann.typingLine().isEmpty());
  }

  @Test
  void editsAndDeletesShowInPlaceOnTheOtherPageAndAfterAReload() throws Exception {
    ServerProcess server = servers.start(dataDir);
    // ann joins first: the room's owner.
    ChatPage ann = open(server).register("ann", PASSWORD).join("design");
    ChatPage ben = open(server).register("ben", PASSWORD).join("design");
    ann.say("The review is at 3 pm.").awaitMessage("ann", "The review is at 3 pm.");
    ann.say("Bring the old mockups.").awaitMessage("ann", "Bring the old mockups.");
    ben.say("Noted, see you there.").awaitMessage("ben", "Noted, see you there.");
    ann.say("typo heer").awaitMessage("ann", "typo heer");
    ann.awaitMessage("ben", "Noted, see you there.");
    ben.awaitMessage("ann", "typo heer");
    List<Message> before = ben.messages();
    long review = before.get(0).id();
    long mockups = before.get(1).id();
    long noted = before.get(2).id();
    long typo = before.get(3).id();
    assertThat(ben.hasMenu(review)).as("ben may not change ann's message").isFalse();
    assertThat(ben.hasMenu(noted)).isTrue();

    ann.editFromMenu(review, "The review is at 4 pm.");
    ben.until("the edit shown in place", d -> ben.messages().get(0).text().equals("The review is at 4 pm."));
    assertThat(ben.edited(review)).isTrue();

    ann.deleteFromMenu(mockups);
    ben.until("the delete shown in place", d -> ben.messages().get(1).text().equals("message deleted"));

    // The up arrow in the empty composer edits one's last message; Esc cancels, a second try saves.
    ann.press(Keys.ARROW_UP).cancelEdit();
    assertThat(ann.messages().get(3).text()).isEqualTo("typo heer");
    ann.press(Keys.ARROW_UP).typeEdit("typo here");
    ben.until("the up arrow's edit shown", d -> ben.messages().get(3).text().equals("typo here"));

    // An owner may delete anyone's message.
    assertThat(ann.hasMenu(noted)).as("the owner may delete ben's message").isTrue();
    ann.openMenu(noted);
    assertThat(ann.menuItems()).as("the owner may not edit ben's message").containsExactly("Delete");
    screenshot(ann, "message-menu.png");
    ann.browser().driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
    ann.until("the menu closed by Esc", d -> ann.menuItems().isEmpty());
    ann.deleteFromMenu(noted);
    ben.until("ben's message deleted by the owner", d -> ben.messages().get(2).text().equals("message deleted"));

    List<Message> expected = List.of(
        new Message(review, "ann", "The review is at 4 pm."),
        new Message(mockups, "ann", "message deleted"),
        new Message(noted, "ben", "message deleted"),
        new Message(typo, "ann", "typo here"));
    assertThat(ben.messages()).as("no edit or delete shown as a line of its own").isEqualTo(expected);
    ann.until("ann's page the same", d -> ann.messages().equals(expected));
    pointAtComposer(ben);
    screenshot(ben, "edited.png");

    // From history (the replay of a fresh page), the edits and deletes apply to their originals.
    ben.browser().driver().navigate().refresh();
    ben.awaitOnline().awaitMessage("ann", "typo here");
    assertThat(ben.messages()).isEqualTo(expected);
    assertThat(ben.edited(review)).isTrue();
    assertThat(ben.edited(typo)).isTrue();
  }

  @Test
  void anOwnerSetsTheTopicAndEveryoneSeesIt() throws Exception {
    ServerProcess server = servers.start(dataDir);
    ChatPage ann = open(server).register("ann", PASSWORD).join("design");
    ChatPage ben = open(server).register("ben", PASSWORD).join("design");
    ann.say("hello").awaitMessage("ann", "hello"); // the room's first message keeps its owner
    assertThat(ann.topic()).isEqualTo("Add a topic");
    assertThat(ben.topic()).as("not an owner: no topic, nothing to click").isEmpty();

    ann.setTopic("Release day: screenshots, phone layout, reconnect");
    ben.until("the topic in ben's header",
        d -> ben.topic().equals("Release day: screenshots, phone layout, reconnect"));
    ann.until("the topic in ann's header",
        d -> ann.topic().equals("Release day: screenshots, phone layout, reconnect"));
    assertThat(ben.browser().driver().findElements(By.cssSelector("#topic button"))).isEmpty();
    pointAtComposer(ann);
    screenshot(ann, "topic.png");

    ann.setTopic("");
    ben.until("the topic cleared", d -> ben.topic().isEmpty());
  }

  @Test
  void unreadCountsAgreeBetweenTwoTabsOfOneUser() {
    ServerProcess server = servers.start(dataDir);
    ChatPage first = open(server).register("ann", PASSWORD).join("news").join("1001");
    ChatPage second = open(server).logIn("ann", PASSWORD).join("news").join("1001");
    try (WireClient bob = WireClient.guest(server.tcpAddress(), "bob")) {
      Chat.join(bob, "news");
      for (int i = 1; i <= 3; i++) {
        Chat.say(bob, "news", "headline " + i, "n" + i);
      }
      first.until("3 unread in news", d -> first.badge("news").equals("3"));
      second.until("3 unread in news in the other tab too", d -> second.badge("news").equals("3"));

      first.select("news").awaitMessage("bob", "headline 3");
      second.until("read in one tab: none unread in the other", d -> second.badge("news").isEmpty());
      assertThat(first.badge("news")).isEmpty();

      // And the other way round: read in the second tab, the first agrees.
      first.select("1001");
      Chat.say(bob, "news", "headline 4", "n4");
      first.until("1 unread in news", d -> first.badge("news").equals("1"));
      second.until("1 unread in news in the other tab too", d -> second.badge("news").equals("1"));
      second.select("news").awaitMessage("bob", "headline 4");
      first.until("read in the second tab: none unread in the first", d -> first.badge("news").isEmpty());
    }
    // A reloaded page takes the marks from the server's joined and agrees still.
    second.browser().driver().navigate().refresh();
    second.awaitOnline().until("news rejoined", d -> !d.findElements(
        By.cssSelector("#sidebar button[data-room='news'] .count")).isEmpty());
    assertThat(second.badge("news")).isEmpty();
  }

  @Test
  void searchFindsAMessageFarBackAndJumpsToItInItsContext() throws Exception {
    ServerProcess server = servers.start(dataDir, "--rate", "1000");
    long target;
    try (WireClient bob = WireClient.guest(server.tcpAddress(), "bob")) {
      Chat.join(bob, "ops");
      for (int i = 1; i <= 40; i++) {
        Chat.say(bob, "ops", "earlier note " + i, "e" + i);
      }
      target = Chat.say(bob, "ops", "The deploy on Friday needs the new certificate.", "t").path("id").asLong();
      for (int i = 1; i <= 150; i++) {
        Chat.say(bob, "ops", "later note " + i, "l" + i);
      }
    }
    ChatPage ann = open(server).register("ann", PASSWORD).join("ops");
    ann.awaitMessage("bob", "later note 150");
    assertThat(ann.messages()).as("the message searched for is not loaded").noneMatch(m -> m.id() == target);

    ann.search("friday DEPLOY");
    List<Result> results = ann.searchResults();
    assertThat(results).hasSize(1);
    assertThat(results.get(0).id()).isEqualTo(target);
    assertThat(results.get(0).from()).isEqualTo("bob");
    assertThat(results.get(0).text()).isEqualTo("The deploy on Friday needs the new certificate.");
    assertThat(results.get(0).marked()).containsExactly("deploy", "Friday");
    screenshot(ann, "search.png");

    ann.openResult(target);
    ann.until("the result shown in view", d -> ann.inView(target));
    List<Long> ids = ann.messages().stream().map(Message::id).toList();
    assertThat(ids).as("its context loaded, with no hole up to the newest")
        .contains(target - 25, target + 25)
        .isEqualTo(LongStream.rangeClosed(ids.get(0), target + 150).boxed().toList());
    assertThat((Boolean) ann.js("return document.querySelector(`#message-list .msg[data-id=\"${arguments[0]}\"]`)"
        + ".classList.contains('flash')", target)).as("highlighted").isTrue();
    screenshot(ann, "search-jump.png");
  }

  /** A page in a browser of its own that records every notice (toast) it shows. */
  private ChatPage open(ServerProcess server) {
    Browser browser = browsers.start();
    browser.beforeEveryPage(RECORD_NOTICES);
    ChatPage page = ChatPage.open(browser, server);
    pages.add(page);
    return page;
  }

  private static final String RECORD_NOTICES =
      "window.notices = [];"
          + "document.addEventListener('DOMContentLoaded', () => new MutationObserver((changes) => changes.forEach("
          + "(c) => c.addedNodes.forEach((n) => window.notices.push(n.textContent))))"
          + ".observe(document.getElementById('toasts'), {childList: true}));";

  /** No page told its user of an error (a frame the server refused, say). */
  @AfterEach
  void noPageShowedANotice() {
    for (ChatPage page : pages) {
      assertThat(page.js("return window.notices")).as("notices shown").asList().isEmpty();
    }
  }

  /** The pointer off the messages, so none is drawn as hovered. */
  private static void pointAtComposer(ChatPage page) {
    new Actions(page.browser().driver()).moveToElement(page.browser().driver().findElement(By.id("composer"))).perform();
  }

  private static void screenshot(ChatPage page, String name) throws Exception {
    Path png = page.browser().screenshot(Browser.SCREENSHOTS.resolve(name));
    assertThat(Files.size(png)).as(png.toString()).isGreaterThan(10_000);
  }
}
