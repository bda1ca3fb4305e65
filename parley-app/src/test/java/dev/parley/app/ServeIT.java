package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A real {@code parley serve} process: its output, its shutdown, and restarts on one data dir. */
class ServeIT {
  @RegisterExtension final ServerProcesses servers = new ServerProcesses();
  @TempDir Path dataDir;

  @Test
  void listeningLineIsTheOnlyThingOnStandardOutput() {
    ServerProcess server = servers.start(dataDir);
    try (WireClient alice = WireClient.guest(server.tcpAddress(), "alice")) {
      Chat.join(alice, "1001");
      Chat.send(alice, "1001", "hello", "r1");
    }

    assertThat(server.sigterm()).isZero();

    assertThat(server.stdoutLines()).hasSize(1);
    assertThat(server.stdoutLines().get(0)).matches(ServerProcess.LISTENING);
    assertThat(server.stdoutLines().get(0)).startsWith("parley listening tcp=127.0.0.1:");
  }

  @Test
  void byDefaultTheServerWarmsUpItsCompilerBeforeListeningAndThenServesAsUsual() {
    ServerProcess server = servers.start(dataDir, "--warm-up-ms", "10000");

    assertThat(server.stderr()).containsPattern("warmed up the JIT compiler in \\d+ ms before starting");
    assertThat(server.stderr()).doesNotContain("warming up the JIT compiler stopped");
    try (WireClient bob = WireClient.guest(server.tcpAddress(), "bob")) {
      Chat.join(bob, "1001");
      try (WireClient alice = WireClient.guest(server.tcpAddress(), "alice")) {
        Chat.join(alice, "1001");
        assertThat(bob.expect("presence").path("user").asText()).isEqualTo("alice");
        Chat.send(alice, "1001", "hello after the warm-up", "r1");
        assertThat(bob.expect("msg").path("text").asText()).isEqualTo("hello after the warm-up");
        // The warm-up's rooms and messages were in a scratch store, not this one.
        assertThat(Chat.joinAndReplay(alice, "warm-up-0", 0).replay()).isEmpty();
      }
    }
    assertThat(server.sigterm()).isZero();
  }

  @Test
  void withUdpAndIrcTheListeningLineNamesThemInOrderAndIrcWelcomes() throws Exception {
    ServerProcess server = servers.start(dataDir, "--irc-port", "0", "--udp-port", "0");
    String line = server.stdoutLines().get(0);
    assertThat(line).matches(ServerProcess.LISTENING).matches(
        "parley listening tcp=127\\.0\\.0\\.1:\\d+ http=127\\.0\\.0\\.1:\\d+ udp=127\\.0\\.0\\.1:\\d+ irc=127\\.0\\.0\\.1:\\d+");
    int ircPort = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
    try (java.net.Socket irc = new java.net.Socket(InetAddress.getLoopbackAddress(), ircPort)) {
      irc.setSoTimeout(10_000);
      irc.getOutputStream().write("NICK visitor\r\nUSER v 0 * :v\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(irc.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
      assertThat(in.readLine()).isEqualTo(":parley 001 visitor :Welcome to Parley, visitor");
    }
  }

  @Test
  void withUdpTheListeningLineNamesItAndADatagramIsAcknowledged() throws Exception {
    ServerProcess server = servers.start(dataDir, "--udp-port", "0");
    String line = server.stdoutLines().get(0);
    assertThat(line).matches(ServerProcess.LISTENING)
        .matches("parley listening tcp=127\\.0\\.0\\.1:\\d+ http=127\\.0\\.0\\.1:\\d+ udp=127\\.0\\.0\\.1:\\d+");
    int udpPort = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));

    try (WireClient alice = WireClient.register(server.tcpAddress(), "alice", "correct horse");
        DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      String token = alice.seen().get(0).path("token").asText();
      Chat.join(alice, "1001");
      byte[] datagram = WireClient.frame("type", "send", "token", token, "room", "1001", "text", "hi from udp", "ref", "u-1")
          .getBytes(StandardCharsets.UTF_8);
      udp.send(new DatagramPacket(datagram, datagram.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), udpPort)));
      udp.setSoTimeout(10_000);
      DatagramPacket answer = new DatagramPacket(new byte[2048], 2048);
      udp.receive(answer);

      assertThat(answer.getLength()).isLessThanOrEqualTo(datagram.length);
      JsonNode ack = WireClient.json(new String(answer.getData(), 0, answer.getLength(), StandardCharsets.UTF_8));
      assertThat(ack.path("type").asText()).isEqualTo("ack");
      assertThat(alice.expect("msg").path("text").asText()).isEqualTo("hi from udp");
    }
    assertThat(server.sigterm()).isZero();
  }

  @Test
  void sigtermSaysByeShutdownToClientsAndExitsZero() {
    ServerProcess server = servers.start(dataDir);
    WireClient alice = WireClient.guest(server.tcpAddress(), "alice");
    Chat.join(alice, "1001");

    int status = server.sigterm();

    List<JsonNode> last = alice.awaitClosed(Duration.ofSeconds(10));
    assertThat(last).containsExactly(WireClient.json("{\"type\":\"bye\",\"reason\":\"shutdown\"}"));
    assertThat(status).isZero();
    alice.close();
  }

  @Test
  void restartOnTheSameDataDirKeepsHistory() {
    ServerProcess first = servers.start(dataDir);
    List<JsonNode> sent;
    try (WireClient alice = WireClient.guest(first.tcpAddress(), "alice");
        WireClient bob = WireClient.guest(first.tcpAddress(), "bob")) {
      Chat.join(alice, "1001");
      Chat.send(alice, "1001", "one", "r1");
      Chat.send(alice, "1001", "two", "r2");
      Chat.send(alice, "1001", "three", "r3");
      sent = Chat.joinSince(bob, "1001", 0);
    }
    assertThat(first.sigterm()).isZero();

    ServerProcess second = servers.start(dataDir);
    try (WireClient carol = WireClient.guest(second.tcpAddress(), "carol")) {
      List<JsonNode> replayed = Chat.joinSince(carol, "1001", 0);

      assertThat(sent).extracting(m -> m.path("text").asText()).containsExactly("one", "two", "three");
      assertThat(replayed).isEqualTo(sent);
    }
  }
}
