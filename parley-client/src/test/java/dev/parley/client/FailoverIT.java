package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client given several servers moves to the next when its server fails. The two servers here
 * do not share a store (a cluster's would), so the second starts a new history: these tests
 * check the move, the login and the rejoin, not that messages continue.
 */
class FailoverIT extends ClientFixture {
  @TempDir Path otherDataDir;
  private ParleyServer second;

  @AfterEach
  void stopSecond() {
    if (second != null) {
      second.close();
    }
  }

  private Endpoint secondServer() {
    second = ParleyServer.start(ServerConfig.forTests(otherDataDir));
    return Endpoint.tcp("127.0.0.1", second.tcpAddress().getPort());
  }

  private Endpoint firstServer() {
    return Endpoint.tcp("127.0.0.1", server().tcpAddress().getPort());
  }

  @Test
  void whenItsServerStopsTheClientMovesToTheNextRejoinsAndSends() {
    Recorder aliceHears = new Recorder();
    Endpoint first = firstServer();
    Endpoint next = secondServer();
    ParleyClient alice = connect(options(Credentials.guest("alice")).withServers(List.of(first, next)), aliceHears);
    done(alice.join("lobby"));
    done(alice.send("lobby", "on the first"));

    Recorder bobHears = new Recorder();
    ParleyClient bob = connect(options(Credentials.guest("bob")).withEndpoint(next), bobHears);
    done(bob.join("lobby"));

    stopServer();

    await().atMost(WAIT).until(() -> done(bob.who("lobby")).contains("alice"));
    assertThat(alice.state()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(aliceHears.states).anyMatch(s -> s.equals("CONNECTING: connecting to " + next));
    assertThat(done(alice.send("lobby", "on the second")).room()).isEqualTo("lobby");
    await().atMost(WAIT).until(() -> bobHears.texts("lobby").contains("on the second"));
  }

  @Test
  void aServerThatRefusesConnectionsIsSkippedAtStart() throws IOException {
    Endpoint closed = Endpoint.tcp("127.0.0.1", closedPort());
    Endpoint next = secondServer();
    Recorder aliceHears = new Recorder();

    ParleyClient alice = connect(options(Credentials.guest("alice")).withServers(List.of(closed, next)), aliceHears);

    done(alice.join("lobby"));
    assertThat(done(alice.send("lobby", "hello")).id()).isEqualTo(1);
    assertThat(aliceHears.states).first().asString().isEqualTo("CONNECTING: connecting to " + closed);
    assertThat(aliceHears.states).anyMatch(s -> s.equals("CONNECTING: connecting to " + next));
    assertThat(second.tcpAddress().getPort()).isEqualTo(next.port());
  }

  @Test
  void withEveryServerDownTheClientKeepsGoingRoundUntilOneIsBack() throws IOException {
    Endpoint first = Endpoint.tcp("127.0.0.1", closedPort());
    Endpoint other = Endpoint.tcp("127.0.0.1", closedPort());
    Recorder aliceHears = new Recorder();
    ParleyClient alice = unstarted(options(Credentials.guest("alice")).withServers(List.of(first, other)));
    alice.addListener(aliceHears);
    var welcome = alice.connect();

    await().atMost(WAIT).until(() -> aliceHears.states.stream().filter(s -> s.contains("connecting to " + other)).count() >= 2);
    assertThat(welcome).isNotDone();
    assertThat(aliceHears.states).anyMatch(s -> s.contains("reconnecting in"));
  }

  /** A loopback port nothing listens on: bound a moment ago, then closed. */
  private static int closedPort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }
}
