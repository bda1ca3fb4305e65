package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The IRC gateway driven by a raw IRC client, next to JSON-lines clients in the same rooms. */
class IrcGatewayIT extends ServerFixture {
  private static final String CAPS = "server-time message-tags batch";

  @Override
  protected ServerConfig baseConfig(ServerConfig defaults) {
    return defaults.withIrcPort(0);
  }

  private InetSocketAddress irc() {
    return server().ircAddress().orElseThrow();
  }

  private IrcWire sasl(String user, String caps) {
    return closeAfter(IrcWire.sasl(irc(), user, PASSWORD, caps));
  }

  @Test
  void saslLogsInAndJoinReplaysHistoryInABatchWithTimes() {
    WireClient bob = register("bob");
    register("alice").close();
    join(bob, "1001");
    seed(bob, "1001", 3);
    IrcWire alice = sasl("alice", CAPS);
    alice.send("JOIN #1001");
    alice.expect(":alice!alice@parley JOIN #1001");
    String names = alice.expect(" 353 ");
    assertThat(names).contains("= #1001 :").contains("alice").contains("@bob");
    alice.expect(" 366 alice #1001 ");
    String batch = alice.expect("BATCH +");
    assertThat(batch).endsWith(" chathistory #1001");
    String id = batch.split(" ")[1].substring(1);
    List<String> replay = alice.until(l -> l.startsWith("BATCH -" + id));
    assertThat(replay).hasSize(3);
    assertThat(replay.get(0))
        .matches("@time=\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z;msgid=1001/1;batch=" + id + " :bob!bob@parley PRIVMSG #1001 :1001 1");
    assertThat(replay.get(2)).endsWith("msgid=1001/3;batch=" + id + " :bob!bob@parley PRIVMSG #1001 :1001 3");
  }

  @Test
  void messagesGoBothWaysBetweenIrcAndTcp() {
    WireClient bob = register("bob");
    register("alice").close();
    IrcWire alice = sasl("alice", "");
    alice.send("JOIN #1001");
    alice.expect(" 366 ");
    join(bob, "1001");
    alice.expect(":bob!bob@parley JOIN #1001");
    alice.send("PRIVMSG #1001 :hello from irc");
    JsonNode msg = bob.expect("msg");
    assertThat(msg.path("from").asText()).isEqualTo("alice");
    assertThat(msg.path("text").asText()).isEqualTo("hello from irc");
    say(bob, "1001", "hello from tcp\nsecond line");
    alice.expect(":bob!bob@parley PRIVMSG #1001 :hello from tcp");
    alice.expect(":bob!bob@parley PRIVMSG #1001 :second line");
    // Without echo-message the client prints its own line itself: no echo came back.
    alice.send("PING :check");
    List<String> lines = alice.until(l -> l.contains("PONG"));
    assertThat(lines).noneMatch(l -> l.contains("hello from irc"));
  }

  @Test
  void aLaterConnectionsLinesAreNeverTakenForRetriesOfAnEarlierOnes() {
    WireClient bob = register("bob");
    register("alice").close();
    join(bob, "1001");
    for (String text : List.of("first connection", "second connection")) {
      try (IrcWire alice = IrcWire.sasl(irc(), "alice", PASSWORD, "")) {
        alice.send("JOIN #1001");
        alice.expect(" 366 ");
        alice.send("PRIVMSG #1001 :" + text);
        assertThat(takeMsgs(bob, 1, "presence").get(0).path("text").asText()).isEqualTo(text);
      }
    }
  }

  @Test
  void echoMessageSendsTheOwnMessageBackWithItsMsgid() {
    register("alice").close();
    IrcWire alice = sasl("alice", "echo-message message-tags");
    alice.send("JOIN #1001");
    alice.expect(" 366 ");
    alice.send("PRIVMSG #1001 :\u0002bold\u0002 and \u000304red\u0003");
    assertThat(alice.expect("PRIVMSG")).isEqualTo("@msgid=1001/1 :alice!alice@parley PRIVMSG #1001 :bold and red");
  }

  @Test
  void aGuestRegistersWithNickAndUserAlone() {
    WireClient bob = register("bob");
    join(bob, "lobby");
    IrcWire guest = closeAfter(IrcWire.guest(irc(), "visitor"));
    guest.send("JOIN #lobby");
    guest.expect(" 366 ");
    guest.send("PRIVMSG #lobby :hi");
    assertThat(takeMsgs(bob, 1, "presence").get(0).path("from").asText()).isEqualTo("visitor");
  }

  @Test
  void aGuestNamedLikeAnAccountOrAnotherGuestGets433AndMayPickAnother() {
    register("alice").close();
    closeAfter(IrcWire.guest(irc(), "visitor"));
    IrcWire irc = closeAfter(IrcWire.connect(irc()));
    irc.send("NICK alice").send("USER x 0 * :x");
    irc.expect(" 433 * alice ");
    irc.send("NICK visitor");
    irc.expect(" 433 * visitor ");
    irc.send("NICK visitor2");
    irc.expect(":parley 001 visitor2 ");
  }

  @Test
  void withoutGuestsNickAndUserAloneAre464AndClosed() {
    configure(c -> c.withGuestsAllowed(false));
    IrcWire irc = closeAfter(IrcWire.connect(irc()));
    irc.send("NICK visitor").send("USER x 0 * :x");
    List<String> last = irc.awaitClosed();
    assertThat(last).anyMatch(l -> l.contains(" 464 "));
    assertThat(last.get(last.size() - 1)).startsWith("ERROR :Closing Link");
  }

  @Test
  void aWrongSaslPasswordIs904AndPassLogsIn() {
    register("alice").close();
    IrcWire irc = closeAfter(IrcWire.connect(irc()));
    irc.send("CAP LS 302").send("CAP REQ :sasl").send("AUTHENTICATE PLAIN");
    irc.expect("AUTHENTICATE +");
    irc.send("AUTHENTICATE " + java.util.Base64.getEncoder().encodeToString("\0alice\0wrong password".getBytes(StandardCharsets.UTF_8)));
    irc.expect(" 904 ");
    IrcWire pass = closeAfter(IrcWire.connect(irc()));
    pass.send("PASS :" + PASSWORD).send("NICK alice").send("USER alice 0 * :a");
    pass.expect(":parley 001 alice ");
  }

  @Test
  void privateMessagesGoToNicksBothWays() {
    WireClient bob = register("bob");
    register("alice").close();
    IrcWire alice = sasl("alice", "");
    alice.send("PRIVMSG bob :psst");
    JsonNode msg = bob.expect("msg");
    assertThat(msg.path("room").asText()).isEqualTo("dm:alice:bob");
    bob.sendFrame("type", "dm", "to", "alice", "text", "hi back", "ref", ref());
    alice.expect(":bob!bob@parley PRIVMSG alice :hi back");
    alice.send("PRIVMSG nobody :hello?");
    alice.expect(" 401 alice nobody ");
  }

  @Test
  void namesWhoModeAndTopicAreAnswered() {
    register("alice").close();
    WireClient bob = register("bob");
    join(bob, "1001");
    IrcWire alice = sasl("alice", "");
    alice.send("JOIN #1001");
    alice.expect(" 366 ");
    alice.send("NAMES #1001");
    assertThat(alice.expect(" 353 ")).contains("bob").contains("alice");
    alice.send("WHO #1001");
    alice.expect(" 352 alice #1001 ");
    alice.expect(" 315 alice #1001 ");
    alice.send("MODE #1001");
    alice.expect(" 324 alice #1001 :+nt");
    alice.send("TOPIC #1001");
    alice.expect(" 331 alice #1001 ");
    alice.send("FROBNICATE now");
    alice.expect(" 421 alice FROBNICATE ");
  }

  @Test
  void topicsAreSetByOwnersAndShownOnJoinAndEditsAndDeletesAreMarked() {
    register("alice").close();
    IrcWire alice = sasl("alice", "");
    alice.send("JOIN #1001"); // the first registered user in: the owner
    alice.expect(" 366 ");
    alice.send("TOPIC #1001 :Release day");
    alice.expect(":alice!alice@parley TOPIC #1001 :Release day");
    WireClient carol = register("carol");
    JsonNode joined = join(carol, "1001");
    assertThat(joined.path("topic").asText()).isEqualTo("Release day");
    carol.sendFrame("type", "send", "room", "1001", "text", "typo hree", "ref", "s1");
    long id = carol.expect("ack").path("id").asLong();
    alice.expect(":carol!carol@parley PRIVMSG #1001 :typo hree");
    carol.sendFrame("type", "edit", "room", "1001", "id", id, "text", "typo here", "ref", "e1");
    alice.expect(":carol!carol@parley PRIVMSG #1001 :(edited) typo here");
    carol.sendFrame("type", "delete", "room", "1001", "id", id, "ref", "d1");
    alice.expect(":carol!carol@parley PRIVMSG #1001 :(deleted a message)");

    register("bob").close();
    IrcWire bob = sasl("bob", "");
    bob.send("JOIN #1001");
    bob.expect(" 332 bob #1001 :Release day");
    bob.send("TOPIC #1001");
    bob.expect(" 332 bob #1001 :Release day");
    bob.send("TOPIC #1001 :mine now");
    bob.expect(" 482 bob #1001 ");
    alice.send("TOPIC #1001 :");
    bob.expect(":alice!alice@parley TOPIC #1001 :");
    bob.send("TOPIC #1001");
    bob.expect(" 331 bob #1001 ");
  }

  @Test
  void ownersKickAndBanAndOthersGet482() {
    register("alice").close();
    register("bob").close();
    IrcWire alice = sasl("alice", "");
    alice.send("JOIN #1001");
    assertThat(alice.expect(" 353 ")).endsWith(":@alice");
    IrcWire bob = sasl("bob", "");
    bob.send("JOIN #1001");
    bob.expect(" 366 ");
    alice.expect(":bob!bob@parley JOIN #1001");
    bob.send("KICK #1001 alice");
    bob.expect(" 482 bob #1001 ");
    alice.send("KICK #1001 bob");
    bob.expect(":alice!alice@parley KICK #1001 bob ");
    alice.send("MODE #1001 +b bob");
    alice.expect(" MODE #1001 +b bob!*@*");
    bob.send("JOIN #1001");
    bob.expect(" 474 bob #1001 ");
  }

  @Test
  void chathistoryPagesBackAndForthByMsgid() {
    WireClient bob = register("bob");
    register("alice").close();
    join(bob, "1001");
    seed(bob, "1001", 6);
    IrcWire alice = sasl("alice", "server-time message-tags batch draft/chathistory");
    alice.send("CHATHISTORY BEFORE #1001 msgid=1001/4 2");
    assertThat(alice.until(l -> l.startsWith("BATCH -"))).filteredOn(l -> l.contains("PRIVMSG"))
        .extracting(l -> l.substring(l.lastIndexOf(':') + 1)).containsExactly("1001 2", "1001 3");
    alice.send("CHATHISTORY AFTER #1001 msgid=1001/4 5");
    assertThat(alice.until(l -> l.startsWith("BATCH -"))).filteredOn(l -> l.contains("PRIVMSG"))
        .extracting(l -> l.substring(l.lastIndexOf(':') + 1)).containsExactly("1001 5", "1001 6");
    alice.send("CHATHISTORY LATEST #1001 * 1");
    assertThat(alice.until(l -> l.startsWith("BATCH -"))).filteredOn(l -> l.contains("PRIVMSG"))
        .extracting(l -> l.substring(l.lastIndexOf(':') + 1)).containsExactly("1001 6");
    alice.send("CHATHISTORY AROUND #1001 msgid=1001/4 5");
    alice.expect("FAIL CHATHISTORY INVALID_PARAMS");
  }

  @Test
  void badInputIsAnsweredAndTheConnectionStays() {
    register("alice").close();
    IrcWire alice = sasl("alice", "");
    alice.send("PRIVMSG #1001 :" + "x".repeat(600));
    alice.expect(" 417 alice :Input line was too long");
    alice.send("PRIVMSG #1001 :" + "y".repeat(20_000));
    alice.expect(" 417 alice ");
    alice.sendRaw(new byte[] {'P', 'R', 'I', 'V', 'M', 'S', 'G', ' ', '#', '1', ' ', ':', (byte) 0xff, (byte) 0xfe, '\r', '\n'});
    alice.expect("not valid UTF-8");
    alice.send("JOIN #" + "x".repeat(70));
    alice.expect(" 479 alice #xxx");
    alice.send("PRIVMSG #1001 :not joined");
    alice.expect(" 404 alice #1001 ");
    alice.send("PING :still-here");
    alice.expect("PONG parley :still-here");
  }

  @Test
  void commandsBeforeRegistrationAre451() {
    IrcWire irc = closeAfter(IrcWire.connect(irc()));
    irc.send("JOIN #1001");
    irc.expect(" 451 * ");
  }

  @Test
  void aCapRequestNamingAnythingUnknownIsRefusedWhole() {
    IrcWire irc = closeAfter(IrcWire.connect(irc()));
    irc.send("CAP LS 302").send("CAP REQ :server-time time");
    irc.expect(":parley CAP * NAK :server-time time");
    irc.send("CAP REQ :server-time batch").send("CAP LIST");
    irc.expect(":parley CAP * ACK :server-time batch");
    assertThat(irc.expect(" LIST ")).matches(".* LIST :(server-time batch|batch server-time)");
  }

  @Test
  void aBurstIsPacedAndDeliveredWhileAFloodIsExcessFlood() {
    configure(c -> c.withRatePerSecond(20));
    WireClient bob = register("bob");
    join(bob, "1001");
    register("alice").close();
    IrcWire alice = sasl("alice", "");
    alice.send("JOIN #1001");
    alice.expect(" 366 ");
    StringBuilder burst = new StringBuilder();
    for (int i = 1; i <= 60; i++) {
      burst.append("PRIVMSG #1001 :burst ").append(i).append("\r\n");
    }
    alice.sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8));
    List<JsonNode> msgs = takeMsgs(bob, 60, "presence");
    for (int i = 1; i <= 60; i++) {
      assertThat(msgs.get(i - 1).path("text").asText()).isEqualTo("burst " + i);
    }
    IrcWire flooder = sasl("alice", "");
    StringBuilder flood = new StringBuilder();
    for (int i = 1; i <= 1000; i++) {
      flood.append("PING :").append(i).append("\r\n");
    }
    flooder.sendRaw(flood.toString().getBytes(StandardCharsets.UTF_8));
    List<String> last = flooder.awaitClosed();
    assertThat(last.get(last.size() - 1)).isEqualTo("ERROR :Closing Link: alice (Excess Flood)");
  }

  @Test
  void aSilentClientIsPingedThenClosedWithPingTimeout() {
    configure(c -> c.withHeartbeat(Duration.ofSeconds(1)));
    IrcWire guest = closeAfter(IrcWire.guest(irc(), "sleepy"));
    guest.expect("PING :parley");
    List<String> last = guest.awaitClosed();
    assertThat(last.get(last.size() - 1)).isEqualTo("ERROR :Closing Link: sleepy (Ping timeout)");
  }

  @Test
  void quitSaysGoodbyeAndCloses() {
    IrcWire guest = closeAfter(IrcWire.guest(irc(), "leaving"));
    assertThat(MetricsPage.value(server(), "parley_connections{transport=\"irc\"}")).isEqualTo(1.0);
    guest.send("QUIT :see you");
    List<String> last = guest.awaitClosed();
    assertThat(last).containsExactly("ERROR :Closing Link: leaving (Quit: see you)");
    org.awaitility.Awaitility.await().atMost(IrcWire.WAIT).untilAsserted(() ->
        assertThat(MetricsPage.value(server(), "parley_connections{transport=\"irc\"}")).isZero());
  }

  @Test
  void aReaderTooSlowIsClosedAsASlowConsumer() throws Exception {
    configure(c -> c.withMaxPendingBytes(64 * 1024).withRatePerSecond(UNLIMITED));
    WireClient bob = register("bob");
    join(bob, "1001");
    try (var socket = new java.net.Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.connect(irc());
      var out = socket.getOutputStream();
      out.write("NICK lazy\r\nUSER lazy 0 * :l\r\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null && !line.contains(" 376 "); line = in.readLine()) {
        // registration; from here on nothing is read
      }
      out.write("JOIN #1001\r\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      bob.expect("presence");
      String text = "z".repeat(4000);
      boolean left = false;
      for (int round = 0; round < 30 && !left; round++) {
        for (int i = 0; i < 100; i++) {
          bob.sendFrame("type", "send", "room", "1001", "text", text, "ref", ref());
        }
        for (int i = 0; i < 200 && !left; i++) { // each send: an ack and the own msg
          JsonNode frame = bob.next();
          left = frame.path("type").asText().equals("presence") && frame.path("event").asText().equals("leave");
        }
      }
      assertThat(left).as("the reader that never reads left the room").isTrue();
    }
  }
}
