package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley user}: operators' accounts, used by a running server, tokens revoked on change. */
class UserCommandIT {
  @RegisterExtension final ServerProcesses servers = new ServerProcesses();
  @TempDir Path dataDir;

  private CommandRun user(String input, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "user";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--data-dir";
    all[args.length + 2] = dataDir.toString();
    return CommandRun.parleyWithInput(input, all);
  }

  private static JsonNode hello(ServerProcess server, String... keysAndValues) {
    try (WireClient c = WireClient.connect(server.tcpAddress())) {
      c.sendFrame(keysAndValues);
      return c.next();
    }
  }

  @Test
  void anAccountAddedByTheOperatorLogsInAndAPasswordChangeRevokesItsTokens() {
    assertThat(user("first password\n", "add", "Alice", "--password-stdin").stdout()).isEqualTo("added Alice\n");
    assertThat(user("", "list").stdout()).isEqualTo("Alice\n");
    ServerProcess server = servers.start(dataDir);

    JsonNode welcome = hello(server, "type", "hello", "user", "alice", "password", "first password");
    assertThat(welcome.path("type").asText()).isEqualTo("welcome");
    assertThat(welcome.path("user").asText()).isEqualTo("Alice");
    String token = welcome.path("token").asText();

    CommandRun passwd = user("second password\n", "passwd", "alice", "--password-stdin");
    assertThat(passwd.exitCode()).isZero();

    assertThat(hello(server, "type", "hello", "token", token).path("code").asText()).isEqualTo("auth_failed");
    assertThat(hello(server, "type", "hello", "user", "alice", "password", "first password").path("code").asText())
        .isEqualTo("auth_failed");
    assertThat(hello(server, "type", "hello", "user", "alice", "password", "second password").path("type").asText())
        .isEqualTo("welcome");

    assertThat(user("", "del", "alice").stdout()).isEqualTo("deleted alice\n");
    assertThat(hello(server, "type", "hello", "user", "alice", "password", "second password").path("code").asText())
        .isEqualTo("auth_failed");
    assertThat(user("", "list").stdout()).isEmpty();
  }

  @Test
  void aRunningServerEndsTheConnectionsOfAUserTheOperatorChangesOrDeletes() {
    user("first password\n", "add", "alice", "--password-stdin");
    ServerProcess server = servers.start(dataDir);
    try (WireClient alice = WireClient.connect(server.tcpAddress());
        WireClient guest = WireClient.connect(server.tcpAddress())) {
      alice.sendFrame("type", "hello", "user", "alice", "password", "first password");
      alice.expect("welcome");
      guest.sendFrame("type", "hello", "user", "frank");
      guest.expect("welcome");

      user("second password\n", "passwd", "alice", "--password-stdin");
      user("a password\n", "add", "frank", "--password-stdin");

      assertThat(alice.awaitClosed(java.time.Duration.ofSeconds(10)))
          .extracting(f -> f.path("type").asText() + " " + f.path("reason").asText())
          .containsExactly("bye password_changed");
      assertThat(guest.awaitClosed(java.time.Duration.ofSeconds(10)))
          .extracting(f -> f.path("type").asText() + " " + f.path("reason").asText())
          .containsExactly("bye name_registered");
    }
    try (WireClient alice = WireClient.connect(server.tcpAddress())) {
      alice.sendFrame("type", "hello", "user", "alice", "password", "second password");
      alice.expect("welcome");

      user("", "del", "alice");

      assertThat(alice.awaitClosed(java.time.Duration.ofSeconds(10)))
          .extracting(f -> f.path("type").asText() + " " + f.path("reason").asText())
          .containsExactly("bye account_deleted");
    }
  }

  @Test
  void mistakesAreOneLineAndAFailedExit() {
    CommandRun weak = user("short\n", "add", "bob", "--password-stdin");
    assertThat(weak.exitCode()).isEqualTo(1);
    assertThat(weak.stderrLines()).containsExactly("parley: a password needs at least 8 characters");

    user("good password\n", "add", "bob", "--password-stdin");
    CommandRun again = user("good password\n", "add", "BOB", "--password-stdin");
    assertThat(again.stderrLines()).containsExactly("parley: user BOB exists already");

    assertThat(user("", "del", "nobody").stderrLines()).containsExactly("parley: no user nobody");
    assertThat(user("x\n", "add", "bad name", "--password-stdin").stderrLines())
        .singleElement()
        .asString()
        .startsWith("parley: invalid user name");
    CommandRun noTerminal = user("", "add", "carol");
    assertThat(noTerminal.stderrLines()).containsExactly("parley: no terminal to ask for the password: use --password-stdin");
  }

  private static java.net.http.HttpResponse<String> api(ServerProcess server, String method, String token, String body) {
    var request = java.net.http.HttpRequest.newBuilder(server.httpUri().resolve("/api/v1/rooms/builds/messages"))
        .header("Authorization", "Bearer " + token)
        .method(method, body == null
            ? java.net.http.HttpRequest.BodyPublishers.noBody()
            : java.net.http.HttpRequest.BodyPublishers.ofString(body))
        .build();
    try {
      return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aTokenMintedForAScriptPostsAndReadsUntilItIsRevoked() {
    user("a password\n", "add", "ci", "--password-stdin");
    ServerProcess server = servers.start(dataDir);

    CommandRun minted = user("", "token", "CI");
    assertThat(minted.exitCode()).isZero();
    String token = minted.stdout().strip();
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    assertThat(user("", "token", "ci").stdout().strip()).isNotEqualTo(token); // a new one each time

    var posted = api(server, "POST", token, "{\"text\":\"build 7 passed\",\"ref\":\"ci-7\"}");
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    assertThat(WireClient.json(posted.body()).path("id").asLong()).isEqualTo(1);
    var read = api(server, "GET", token, null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(WireClient.json(read.body()).path("messages").get(0).path("from").asText()).isEqualTo("ci");
    // The token logs a connection in too, like any login token.
    assertThat(hello(server, "type", "hello", "token", token).path("user").asText()).isEqualTo("ci");

    CommandRun revoked = user("", "token", "ci", "--revoke", token);
    assertThat(revoked.exitCode()).isZero();
    assertThat(revoked.stdout()).isEqualTo("revoked the token of ci\n");

    var refused = api(server, "POST", token, "{\"text\":\"again\"}");
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(WireClient.json(refused.body()).path("code").asText()).isEqualTo("auth_failed");
    assertThat(user("", "token", "ci", "--revoke", token).stderrLines()).containsExactly("parley: --revoke: ci has no such token");
    assertThat(user("", "token", "nobody").stderrLines()).containsExactly("parley: no user nobody");
  }
}
