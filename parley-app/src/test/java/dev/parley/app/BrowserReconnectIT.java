package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.app.ChatPage.Message;
import dev.parley.testkit.WireClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A page open across a restart of the server: it comes back by itself and misses nothing. */
class BrowserReconnectIT {
  // Browsers are closed (and pictured, after a failure) before the servers stop.
  @RegisterExtension @Order(1) final ServerProcesses servers = new ServerProcesses();
  @RegisterExtension @Order(2) final Browsers browsers = new Browsers();
  @TempDir Path dataDir;

  @Test
  void pageReconnectsAfterARestartShowsWhatWasSaidMeanwhileAndSendsWhatWasTypedMeanwhile() {
    ServerProcess first = servers.start(dataDir);
    ChatPage ann = ChatPage.open(browsers.start(), first).register("ann", "correct horse").join("1001");
    try (WireClient bob = WireClient.guest(first.tcpAddress(), "bob")) {
      Chat.join(bob, "1001");
      Chat.say(bob, "1001", "before the restart", "b1");
    }
    ann.awaitMessage("bob", "before the restart");

    assertThat(first.sigterm()).isZero();
    ann.awaitOffline();
    ann.say("typed while the server was away");
    assertThat(ann.pending()).containsExactly("typed while the server was away");
    ann.browser().screenshot(Browser.SCREENSHOTS.resolve("chat-offline.png"));
    // The browser is kept off the network until carol has spoken below, so her messages are
    // certainly said while the page is away, and it can only have them by resuming.
    ann.browser().setOffline(true);
    ServerProcess second = servers.startLike(first);

    try (WireClient carol = WireClient.guest(second.tcpAddress(), "carol")) {
      Chat.joinSince(carol, "1001", 1);
      Chat.say(carol, "1001", "said while you were away", "c1");
      Chat.say(carol, "1001", "and this too", "c2");
      ann.browser().setOffline(false);

      ann.awaitOnline().awaitMessage("ann", "typed while the server was away");
      assertThat(ann.messages())
          .extracting(Message::id, Message::from, Message::text)
          .containsExactly(
              tuple(1L, "bob", "before the restart"),
              tuple(2L, "carol", "said while you were away"),
              tuple(3L, "carol", "and this too"),
              tuple(4L, "ann", "typed while the server was away"));
      assertThat(ann.pending()).isEmpty();

      Chat.awaitText(carol, "1001", "typed while the server was away");
      assertThat(messagesWithin(carol, Duration.ofSeconds(1))).as("nothing sent twice").isEmpty();
    }
  }

  /** The msg frames that arrive within {@code quiet} (presence and the like pass by). */
  private static List<JsonNode> messagesWithin(WireClient client, Duration quiet) {
    List<JsonNode> msgs = new ArrayList<>();
    long end = System.nanoTime() + quiet.toNanos();
    while (System.nanoTime() < end) {
      try {
        JsonNode frame = client.next(Duration.ofMillis(Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        if (frame.path("type").asText().equals("msg")) {
          msgs.add(frame);
        }
      } catch (AssertionError none) {
        break;
      }
    }
    return msgs;
  }
}
