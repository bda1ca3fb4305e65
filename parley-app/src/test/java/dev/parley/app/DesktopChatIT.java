package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley desktop} for real: two windows (two JVMs, two registered users, a light and a
 * dark theme) on an Xvfb display chat with each other and with a raw TCP client; the server is
 * killed with SIGKILL and restarted mid-chat; every message shows in both windows exactly once.
 * Keys and clicks are real X input ({@link DesktopWindow}). Screenshots of both themes (and of
 * 200%) are written to {@code target/screenshots/desktop-*.png}.
 */
class DesktopChatIT {
  private static final Path SHOTS = Path.of(System.getProperty("parley.screenshots", "target/screenshots"));
  private static final String PASSWORD = "correct horse";
  private static final int SEEDED = 120;

  @RegisterExtension final ServerProcesses servers = new ServerProcesses();
  @TempDir Path dataDir;
  @TempDir Path configs;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      if (open.get(i) instanceof DesktopWindow w) {
        try {
          w.call("screenshot " + SHOTS.resolve("desktop-last-" + w.label() + ".png"));
          System.err.printf("---- %s rooms %s messages %s%n", w.label(), w.call("rooms"), w.call("messages"));
        } catch (AssertionError | RuntimeException e) {
          System.err.printf("---- %s: no screenshot (%s)%n", w.label(), e.getMessage());
        }
        System.err.printf("---- %s stderr:%n%s----%n", w.label(), w.stderr());
      }
      open.get(i).close();
    }
  }

  @Test
  @Timeout(420)
  void twoWindowsAndATcpClientChatThroughAServerRestartAndSeeEveryMessageOnce() throws Exception {
    VirtualDisplay display = track(VirtualDisplay.start(2240, 1400));
    ServerProcess server = servers.startOnPort(dataDir, ServerProcess.freePort(), "--rate", "500");
    InetSocketAddress tcp = server.tcpAddress();
    String address = "127.0.0.1:" + tcp.getPort();
    seed(tcp);

    DesktopWindow alice = track(DesktopWindow.start("alice", display, "--server", address,
        "--config-dir", configs.resolve("alice").toString(), "--theme", "light"));
    alice.call("window login");
    alice.call("screenshot " + SHOTS.resolve("desktop-login.png"));
    register(alice, "alice", 0);
    DesktopWindow bob = track(DesktopWindow.start("bob", display, "--server", address,
        "--config-dir", configs.resolve("bob").toString(), "--theme", "dark"));
    bob.call("window login");
    register(bob, "bob", 1110);

    for (DesktopWindow w : List.of(alice, bob)) {
      w.call("click composer"); // X's keyboard focus to this window
      joinWithTheKeyboard(w, "lobby");
      // The join replays the newest 50 of the seeded messages.
      w.awaitAnswer("messages", rows -> rows.size() >= 50);
    }

    // Older history appears when scrolling up, until the very first message, none twice.
    // (Page Up, then Ctrl+Home in the composer: the keyboard's way to the top of the conversation.)
    alice.call("click composer");
    alice.call("key PAGE_UP");
    for (int i = 0; i < 20 && alice.call("messages").size() < SEEDED; i++) {
      alice.call("key ctrl HOME");
      int before = alice.call("messages").size();
      alice.within(Duration.ofSeconds(3), "messages", rows -> rows.size() > before);
    }
    alice.awaitAnswer("messages", rows -> rows.size() >= SEEDED && rows.get(0).path("id").asLong() == 1);
    assertIdsStrictlyIncrease(alice.call("messages"));

    WireClient carol = track(WireClient.guest(tcp, "carol"));
    carol.sendFrame("type", "join", "room", "lobby", "since", SEEDED);
    carol.expect("joined");

    say(alice, "hello bob, alice here");
    say(bob, "hi alice", "second line from bob");
    carol.sendFrame("type", "send", "room", "lobby", "text", "carol over tcp", "ref", "c1");
    List<String> beforeKill = List.of("hello bob, alice here", "hi alice\nsecond line from bob", "carol over tcp");
    awaitTexts(alice, beforeKill);
    awaitTexts(bob, beforeKill);
    awaitMessages(carol, beforeKill);

    // While bob types, alice's window says so ("bob is typing…"). Typing is told at most every
    // 3 s, so bob goes on typing until it shows (a bounded number of keys).
    bob.call("click composer");
    boolean shown = false;
    for (int i = 0; i < 30 && !shown; i++) {
      bob.call("type s");
      shown = alice.within(Duration.ofMillis(500), "text typing", t -> t.asText().equals("bob is typing…"));
    }
    assertThat(shown).as("alice sees bob typing").isTrue();
    bob.call("key ctrl A");
    bob.call("key BACK_SPACE");

    // An edit (Up in the empty composer edits one's last message) shows in place in both windows.
    say(alice, "a tpyo here");
    awaitTexts(bob, List.of("a tpyo here"));
    alice.call("click composer");
    alice.call("key UP");
    alice.awaitAnswer("text composer", t -> t.asText().equals("a tpyo here"));
    alice.call("key ctrl A");
    alice.call("type no typo here");
    alice.call("key ENTER");
    for (DesktopWindow w : List.of(alice, bob)) {
      w.awaitAnswer("messages", rows -> rowsWith(rows, "no typo here", "edited") == 1 && rowsWith(rows, "a tpyo here", null) == 0);
    }

    // A delete, from the message's context menu (a right click), leaves "message deleted" in place.
    say(bob, "oops, wrong room");
    awaitTexts(alice, List.of("oops, wrong room"));
    int deletedBefore = rowsWith(alice.call("messages"), "", "deleted");
    bob.call("menu-on oops, wrong room");
    bob.call("menu-item Delete…");
    bob.call("window delete-dialog");
    bob.call("key ENTER"); // "Yes" is the default button
    bob.call("window chat");
    for (DesktopWindow w : List.of(alice, bob)) {
      w.awaitAnswer("messages", rows -> rowsWith(rows, "oops, wrong room", null) == 0
          && rowsWith(rows, "", "deleted") == deletedBefore + 1);
    }

    // The same from the keyboard: Shift+Tab from the composer to the messages (the newest row is
    // picked), Shift+F10 for its menu.
    say(bob, "another slip");
    awaitTexts(alice, List.of("another slip"));
    bob.call("key shift TAB");
    bob.awaitAnswer("focused", f -> "messages".equals(f.asText()));
    bob.call("key shift F10");
    bob.call("menu-item Delete…");
    bob.call("window delete-dialog");
    bob.call("key ENTER");
    bob.call("window chat");
    for (DesktopWindow w : List.of(alice, bob)) {
      w.awaitAnswer("messages", rows -> rowsWith(rows, "another slip", null) == 0
          && rowsWith(rows, "", "deleted") == deletedBefore + 2);
    }

    // The room's owner (alice, its first registered member) sets the topic; bob's header shows it.
    alice.call("click set-topic");
    alice.call("window topic-dialog");
    alice.call("key ctrl A");
    alice.call("type Release day");
    alice.call("key ENTER");
    alice.call("window chat");
    for (DesktopWindow w : List.of(alice, bob)) {
      w.awaitAnswer("text room-topic", t -> t.asText().equals("Release day"));
    }
    alice.call("screenshot " + SHOTS.resolve("desktop-conversation-features.png"));

    // A private conversation from the member list; it shows as unread in bob's room list.
    alice.call("member-click bob");
    alice.awaitAnswer("rooms", r -> "dm:alice:bob".equals(r.path("selected").asText()));
    say(alice, "psst bob, private");
    JsonNode bobRooms = bob.awaitAnswer("rooms", r -> unread(r, "dm:alice:bob") == 1);
    assertThat(unread(bobRooms, "lobby")).isZero();
    bob.call("click composer");
    bob.call("key alt DOWN"); // the next room: the private one
    bob.awaitAnswer("rooms", r -> "dm:alice:bob".equals(r.path("selected").asText()) && unread(r, "dm:alice:bob") == 0);
    awaitTexts(bob, List.of("psst bob, private"));
    bob.call("screenshot " + SHOTS.resolve("desktop-dark-private.png"));

    // Read markers agree across devices: bob's lobby has one unread message; read on another of
    // bob's connections, it is read in the window too; read in the window, the other hears so.
    WireClient bobElsewhere = track(WireClient.connect(tcp));
    bobElsewhere.sendFrame("type", "hello", "user", "bob", "password", PASSWORD);
    bobElsewhere.expect("welcome");
    bobElsewhere.sendFrame("type", "join", "room", "lobby", "since", SEEDED + 100);
    bobElsewhere.expect("joined");
    long away = sayAsCarol(carol, "carol while bob is away", "c-away");
    bob.awaitAnswer("rooms", r -> unread(r, "lobby") == 1);
    bobElsewhere.sendFrame("type", "read", "room", "lobby", "id", away);
    bob.awaitAnswer("rooms", r -> unread(r, "lobby") == 0);
    long again = sayAsCarol(carol, "carol again", "c-again");
    bob.awaitAnswer("rooms", r -> unread(r, "lobby") == 1);
    bob.call("key alt UP");
    bob.awaitAnswer("rooms", r -> "lobby".equals(r.path("selected").asText()) && unread(r, "lobby") == 0);
    awaitFrame(bobElsewhere, f -> f.path("type").asText().equals("read") && f.path("id").asLong() == again);
    bobElsewhere.close();
    alice.call("click composer");
    alice.call("key alt UP");
    for (DesktopWindow w : List.of(alice, bob)) {
      w.awaitAnswer("rooms", r -> "lobby".equals(r.path("selected").asText()));
    }

    // The server dies mid-chat; both windows say so, and what is typed meanwhile waits.
    server.kill9();
    carol.close();
    for (DesktopWindow w : List.of(alice, bob)) {
      w.awaitAnswer("text connection-state", t -> !t.asText().startsWith("Connected"));
    }
    say(alice, "typed while the server was down, alice");
    say(bob, "typed while the server was down, bob");
    alice.awaitAnswer("messages", rows -> pending(rows) == 1);
    ServerProcess restarted = servers.startAgain(server);

    WireClient carolAgain = track(WireClient.guest(restarted.tcpAddress(), "carol"));
    carolAgain.sendFrame("type", "join", "room", "lobby", "since", SEEDED + 3);
    carolAgain.expect("joined");
    carolAgain.sendFrame("type", "send", "room", "lobby", "text", "carol after the restart", "ref", "c2");
    for (DesktopWindow w : List.of(alice, bob)) {
      w.awaitAnswer("text connection-state", t -> t.asText().startsWith("Connected"));
    }
    say(alice, "after the restart, alice");
    say(bob, "after the restart, bob");

    List<String> all = new ArrayList<>(beforeKill);
    all.addAll(List.of("typed while the server was down, alice", "typed while the server was down, bob",
        "carol after the restart", "after the restart, alice", "after the restart, bob"));
    for (DesktopWindow w : List.of(alice, bob)) {
      awaitTexts(w, all);
      w.awaitAnswer("messages", rows -> pending(rows) == 0);
      JsonNode rows = w.call("messages");
      assertIdsStrictlyIncrease(rows);
      List<String> texts = w.texts();
      for (String text : all) {
        assertThat(texts).as("%s shows '%s' exactly once", w.label(), text).containsOnlyOnce(text);
      }
    }
    awaitMessages(carolAgain, all.subList(3, all.size()));

    alice.call("screenshot " + SHOTS.resolve("desktop-light.png"));
    bob.call("screenshot " + SHOTS.resolve("desktop-dark.png"));

    // Remembered: the servers, the user and a token, never the password; owner-only files.
    Path settings = configs.resolve("alice").resolve("desktop.properties");
    assertThat(Files.readString(settings)).doesNotContain(PASSWORD);
    Properties kept = new Properties();
    try (var in = Files.newBufferedReader(settings)) {
      kept.load(in);
    }
    assertThat(kept.getProperty("user")).isEqualTo("alice");
    assertThat(kept.getProperty("server.1")).isEqualTo(address);
    assertThat(kept.getProperty("token")).isNotBlank();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings.getParent())))
        .isEqualTo("rwx------");

    // A third window at 200%, used with the keyboard alone: a guest from the login window on.
    DesktopWindow dave = track(DesktopWindow.start("dave", display, "--server", address,
        "--config-dir", configs.resolve("dave").toString(), "--theme", "light", "--scale", "2"));
    dave.call("window login");
    dave.awaitAnswer("focused", f -> "user".equals(f.asText()));
    dave.call("type dave");
    for (String next : List.of("password", "log-in", "register", "guest")) {
      dave.call("key TAB");
      dave.awaitAnswer("focused", f -> next.equals(f.asText()));
    }
    dave.call("key SPACE");
    dave.call("window chat");
    dave.call("place 0 0 1060 680");
    dave.awaitAnswer("focused", f -> "composer".equals(f.asText()));
    joinWithTheKeyboard(dave, "lobby");
    dave.call("type Hello from dave at 200%");
    dave.call("key ENTER");
    awaitTexts(dave, List.of("Hello from dave at 200%"));
    awaitTexts(alice, List.of("Hello from dave at 200%"));
    // Ctrl+F asks the server: three messages hold the word "restart". "seed 3" is one message,
    // far older than the window has loaded: choosing it loads the history back to it.
    dave.call("key ctrl F");
    dave.awaitAnswer("focused", f -> "find".equals(f.asText()));
    dave.call("type restart");
    dave.call("key ENTER");
    dave.awaitAnswer("results", rows -> rows.size() == 3);
    dave.call("key ctrl A");
    dave.call("type seed 3");
    dave.call("key ENTER");
    dave.awaitAnswer("results", rows -> rows.size() == 1 && rows.get(0).path("text").asText().equals("seed 3"));
    dave.call("key DOWN");
    dave.awaitAnswer("focused", f -> "search-results".equals(f.asText()));
    dave.call("key ENTER");
    dave.awaitAnswer("messages", rows -> rows.size() > 0 && rows.get(0).path("id").asLong() <= 3);
    dave.call("screenshot " + SHOTS.resolve("desktop-search-200.png"));
    dave.call("click find");
    dave.call("key ESCAPE");
    dave.awaitAnswer("focused", f -> "composer".equals(f.asText()));
    dave.call("screenshot " + SHOTS.resolve("desktop-light-200.png"));
    assertThat(Files.size(SHOTS.resolve("desktop-light-200.png"))).isPositive();
  }

  /** Fills the register form (values set, the button clicked for real) and places the chat window. */
  private static void register(DesktopWindow w, String user, int x) {
    w.call("set user " + user);
    w.call("set password " + PASSWORD);
    w.call("click register");
    w.call("window chat");
    w.call("place " + x + " 0 1100 720");
  }

  /** Ctrl+K, the room's name, Enter: the room opens and the composer has the focus. */
  private static void joinWithTheKeyboard(DesktopWindow w, String room) {
    w.call("key ctrl K");
    w.awaitAnswer("focused", f -> "join-room".equals(f.asText()));
    w.call("type " + room);
    w.call("key ENTER");
    w.awaitAnswer("rooms", r -> room.equals(r.path("selected").asText()));
    w.awaitAnswer("focused", f -> "composer".equals(f.asText()));
  }

  /** Clicks the composer and types the lines, Shift+Enter between them, Enter at the end. */
  private static void say(DesktopWindow w, String... lines) {
    w.call("click composer");
    for (int i = 0; i < lines.length; i++) {
      w.call("type " + lines[i]);
      w.call(i < lines.length - 1 ? "key shift ENTER" : "key ENTER");
    }
  }

  private static void awaitTexts(DesktopWindow w, List<String> texts) {
    w.awaitAnswer("messages", rows -> {
      List<String> shown = new ArrayList<>();
      rows.forEach(r -> shown.add(r.path("text").asText()));
      return shown.containsAll(texts);
    });
  }

  private static void awaitMessages(WireClient c, List<String> texts) {
    List<String> heard = new ArrayList<>();
    await().atMost(DesktopWindow.WAIT).until(() -> {
      while (c.hasArrived()) {
        JsonNode f = c.next();
        if (f.path("type").asText().equals("msg")) {
          heard.add(f.path("text").asText());
        }
      }
      return heard.containsAll(texts);
    });
  }

  /** Rows whose text is {@code text} and, when {@code flag} is given, with that flag set. */
  private static int rowsWith(JsonNode rows, String text, String flag) {
    int n = 0;
    for (JsonNode r : rows) {
      if (r.path("text").asText().equals(text) && (flag == null || r.path(flag).asBoolean())) {
        n++;
      }
    }
    return n;
  }

  /** Carol sends a line to the lobby; its id, from the ack. */
  private static long sayAsCarol(WireClient carol, String text, String ref) {
    carol.sendFrame("type", "send", "room", "lobby", "text", text, "ref", ref);
    return awaitFrame(carol, f -> f.path("type").asText().equals("ack") && f.path("ref").asText().equals(ref))
        .path("id").asLong();
  }

  /** Reads frames until one matches (the others are passed over). */
  private static JsonNode awaitFrame(WireClient c, Predicate<JsonNode> wanted) {
    List<JsonNode> found = new ArrayList<>();
    await().atMost(DesktopWindow.WAIT).until(() -> {
      while (c.hasArrived() && found.isEmpty()) {
        JsonNode f = c.next();
        if (wanted.test(f)) {
          found.add(f);
        }
      }
      return !found.isEmpty();
    });
    return found.get(0);
  }

  private static int pending(JsonNode rows) {
    int n = 0;
    for (JsonNode r : rows) {
      n += r.path("pending").asBoolean() ? 1 : 0;
    }
    return n;
  }

  private static int unread(JsonNode rooms, String room) {
    for (JsonNode r : rooms.path("rooms")) {
      if (r.path("room").asText().equals(room)) {
        return r.path("unread").asInt();
      }
    }
    return -1;
  }

  private static void assertIdsStrictlyIncrease(JsonNode rows) {
    long previous = 0;
    for (JsonNode r : rows) {
      if (r.path("pending").asBoolean()) {
        continue;
      }
      assertThat(r.path("id").asLong()).as("ids in order, none twice: %s", rows).isGreaterThan(previous);
      previous = r.path("id").asLong();
    }
  }

  /** Messages "seed 1" … "seed 120" in the lobby, so that the windows have history to page through. */
  private void seed(InetSocketAddress tcp) {
    try (WireClient seeder = WireClient.guest(tcp, "seeder")) {
      seeder.sendFrame("type", "join", "room", "lobby");
      seeder.expect("joined");
      for (int i = 1; i <= SEEDED; i++) {
        seeder.sendFrame("type", "send", "room", "lobby", "text", "seed " + i, "ref", "s" + i);
      }
      Predicate<JsonNode> lastAck = f -> f.path("type").asText().equals("ack") && f.path("ref").asText().equals("s" + SEEDED);
      await().atMost(DesktopWindow.WAIT).until(() -> lastAck.test(seeder.next()));
    }
  }

  private <T extends AutoCloseable> T track(T closeable) {
    open.add(closeable);
    return closeable;
  }
}
