package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.app.ChatPage.Message;
import dev.parley.app.ChatPage.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * The six conversation features used by three people together on one server: ann and ben on
 * the web page (two browsers), carl in the terminal ({@code parley chat} in tmux). Each feature
 * is done on one kind of client and seen on the other. Leaves {@code together-ann.png},
 * {@code together-ben.png} and {@code together-carl.txt} (carl's terminal) in target/screenshots.
 */
class ConversationTogetherIT {
  private static final String PASSWORD = "correct horse";
  private static final String ROOM = "design";
  private static final Duration WAIT = Duration.ofSeconds(30);

  // Browsers and the terminal are closed (and pictured, after a failure) before the server stops.
  @RegisterExtension @Order(1) final ServerProcesses servers = new ServerProcesses();
  @RegisterExtension @Order(2) final Browsers browsers = new Browsers();
  @TempDir Path dataDir;
  private final Tmux tmux = new Tmux();
  private final List<ChatPage> pages = new ArrayList<>();

  @BeforeAll
  static void needsTools() {
    Tmux.ensureInstalled();
    Browser.requireInstalled();
  }

  @Test
  void twoPagesAndATerminalTypeSetTheTopicEditDeleteReadAndSearchTogether() throws Exception {
    ServerProcess server = servers.start(dataDir);
    // ann joins first and says the room's first word: she is its owner.
    ChatPage ann = open(server).register("ann", PASSWORD).join(ROOM);
    ann.say("The demo build is ready").awaitMessage("ann", "The demo build is ready");
    ChatPage ben = open(server).register("ben", PASSWORD).join("random").join(ROOM);
    ben.awaitMessage("ann", "The demo build is ready");
    long demo = idOf(ann, "ann", "The demo build is ready");
    openTerminal(server, "carl");
    awaitScreen("carl", "#" + demo + " [" + ROOM + "] ann: The demo build is ready");

    // Typing: the terminal's keystrokes show on the page, the page's in the terminal's status.
    tmux.type("carl", "hello everyone");
    ann.until("carl shown typing on ann's page", d -> ann.typingLine().equals("carl is typing…"));
    ben.until("carl shown typing on ben's page", d -> ben.typingLine().equals("carl is typing…"));
    tmux.enter("carl");
    ann.awaitMessage("carl", "hello everyone");
    ben.awaitMessage("carl", "hello everyone");
    assertThat(ann.typingLine()).as("cleared by carl's message").isEmpty();

    ann.type("hi carl");
    await().atMost(WAIT).alias("ann typing in carl's status line")
        .until(() -> tmux.lastLine("carl").matches(ROOM + ">\\s+ann is typing…"));
    ann.press(Keys.ENTER).awaitMessage("ann", "hi carl");
    awaitScreen("carl", "[" + ROOM + "] ann: hi carl");

    // The topic: the owner sets it on her page; the terminal and the other page show it.
    String topic = "Demo on Friday: check the build";
    ann.setTopic(topic);
    awaitScreen("carl", "* ann set the topic of " + ROOM + ": " + topic);
    await().atMost(WAIT).alias("the topic in carl's status line")
        .until(() -> tmux.lastLine("carl").matches(ROOM + ">\\s+" + topic));
    ben.until("the topic in ben's header", d -> ben.topic().equals(topic));
    ann.until("the topic in ann's header", d -> ann.topic().equals(topic));

    // The terminal edits and deletes; both pages show it in place.
    tmux.line("carl", "the meeting is at 3pm");
    ben.awaitMessage("carl", "the meeting is at 3pm");
    long meeting = idOf(ben, "carl", "the meeting is at 3pm");
    awaitScreen("carl", "#" + meeting + " [" + ROOM + "] carl: the meeting is at 3pm");
    tmux.line("carl", "/edit the meeting is at 4pm");
    for (ChatPage page : List.of(ann, ben)) {
      page.until("carl's edit in place", d -> textOf(page, meeting).equals("the meeting is at 4pm"));
      assertThat(page.edited(meeting)).as("marked edited").isTrue();
    }
    tmux.line("carl", "wrong window, sorry");
    ben.awaitMessage("carl", "wrong window, sorry");
    long wrong = idOf(ben, "carl", "wrong window, sorry");
    awaitScreen("carl", "#" + wrong + " [" + ROOM + "] carl: wrong window, sorry");
    tmux.line("carl", "/delete");
    for (ChatPage page : List.of(ann, ben)) {
      page.until("carl's delete in place", d -> textOf(page, wrong).equals("message deleted"));
    }

    // The page edits; the terminal prints the edit.
    ann.editFromMenu(demo, "The demo build is ready on staging");
    awaitScreen("carl", "[" + ROOM + "] * ann edited #" + demo + ": The demo build is ready on staging");
    ben.until("ann's edit in place on ben's page",
        d -> textOf(ben, demo).equals("The demo build is ready on staging"));

    List<Message> conversation = ben.messages();
    assertThat(conversation).as("no edit or delete as a line of its own").extracting(Message::text).containsExactly(
        "The demo build is ready on staging", "hello everyone", "hi carl", "the meeting is at 4pm", "message deleted");
    ann.until("ann's page the same as ben's", d -> ann.messages().equals(conversation));

    // Unread: ben looks at another room while carl talks; the count shows, and clears when read.
    ben.select("random");
    ben.until("random open", d -> ben.text(By.id("room-title")).equals("#random"));
    assertThat(ben.badge(ROOM)).as("all of it read while open").isEmpty();
    tmux.line("carl", "pineapple pizza for the demo?");
    tmux.line("carl", "or tacos");
    ann.awaitMessage("carl", "or tacos");
    ben.until("2 unread in " + ROOM, d -> ben.badge(ROOM).equals("2"));
    ben.select(ROOM).awaitMessage("carl", "or tacos");
    ben.until("the count cleared once read", d -> ben.badge(ROOM).isEmpty());
    assertThat(ben.badge("random")).isEmpty();

    // Search: the page finds carl's word and jumps to it; the terminal finds ann's.
    long pineapple = idOf(ben, "carl", "pineapple pizza for the demo?");
    ben.search("PINEAPPLE");
    List<Result> results = ben.searchResults();
    assertThat(results).hasSize(1);
    assertThat(results.get(0).id()).isEqualTo(pineapple);
    assertThat(results.get(0).from()).isEqualTo("carl");
    assertThat(results.get(0).text()).isEqualTo("pineapple pizza for the demo?");
    assertThat(results.get(0).marked()).containsExactly("pineapple");
    ben.openResult(pineapple);
    ben.until("the result shown in view", d -> ben.inView(pineapple));
    assertThat((Boolean) ben.js("return document.querySelector(`#message-list .msg[data-id=\"${arguments[0]}\"]`)"
        + ".classList.contains('flash')", pineapple)).as("highlighted").isTrue();

    tmux.line("carl", "/search staging");
    awaitScreen("carl", "1 message with staging");
    await().atMost(WAIT).alias("ann's message, newest text, listed in carl's terminal")
        .until(() -> tmux.screen("carl").stream().anyMatch(row -> row.matches(
            "\\s*#" + demo + "  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  ann: The demo build is ready on staging")));

    pointAtComposer(ann);
    screenshot(ann, "together-ann.png");
    screenshot(ben, "together-ben.png");
    Path capture = Browser.SCREENSHOTS.resolve("together-carl.txt");
    Files.writeString(capture, String.join("\n", tmux.history("carl")) + "\n");
    assertThat(Files.readString(capture)).contains("* ann set the topic of " + ROOM);
  }

  /** {@code parley chat} for a new registered user in a tmux terminal, with {@link #ROOM} joined. */
  private void openTerminal(ServerProcess server, String user) {
    List<String> args = List.of("chat", "--server", "127.0.0.1:" + server.tcpAddress().getPort(),
        "--user", user, "--register", "--room", ROOM);
    tmux.start(user, ServerProcess.javaCommand(args));
    awaitScreen(user, "Password for " + user);
    tmux.line(user, PASSWORD);
    awaitScreen(user, "* joined " + ROOM);
    await().atMost(WAIT).alias(user + "'s prompt").until(() -> tmux.lastLine(user).equals(ROOM + ">"));
  }

  private void awaitScreen(String user, String text) {
    await().atMost(WAIT).alias(user + "'s screen shows " + text)
        .until(() -> String.join("\n", tmux.screen(user)).contains(text));
  }

  private static long idOf(ChatPage page, String from, String text) {
    return page.messages().stream().filter(m -> m.from().equals(from) && m.text().equals(text))
        .mapToLong(Message::id).findFirst().orElseThrow();
  }

  /** The text the page shows for message {@code id} ("" when it is not drawn). */
  private static String textOf(ChatPage page, long id) {
    return page.messages().stream().filter(m -> m.id() == id).map(Message::text).findFirst().orElse("");
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
    try {
      for (ChatPage page : pages) {
        assertThat(page.js("return window.notices")).as("notices shown").asList().isEmpty();
      }
    } finally {
      tmux.close();
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
