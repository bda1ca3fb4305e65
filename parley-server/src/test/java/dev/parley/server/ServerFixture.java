package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Names;
import dev.parley.server.auth.PasswordHasher;
import dev.parley.server.store.AccountStore;
import dev.parley.server.store.ChatStore;
import dev.parley.server.store.postgres.PostgresStore;
import dev.parley.server.store.postgres.PostgresUrl;
import dev.parley.server.store.sqlite.SqliteStore;
import dev.parley.testkit.TestDatabase;
import dev.parley.testkit.WireClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The one place where the contract tests start and stop servers and open connections. Every
 * test class extends it; a test only says what it wants (a guest, a registered user, a restart
 * on the same data directory, a config tweak) and never how a connection is made, so the same
 * tests run over every transport: a class marked {@code @ParameterizedClass
 * @EnumSource(Transport.class)} runs once per {@link Transport}; others run over TCP.
 *
 * <p>The server starts lazily, on the first connection, with {@link #baseConfig} (per class)
 * and then every {@link #configure} tweak (per test) applied to {@link
 * ServerConfig#forTests}. Each test gets a fresh data directory and server.
 *
 * <p>With the system property {@code parley.test.cluster} (the {@code cluster} run of the
 * build), the same tests run against a cluster of two nodes on a test's own PostgreSQL database
 * and the machine's Redis, and each new connection goes to the other node than the one before:
 * every exchange between two clients of a test crosses the nodes.
 */
public abstract class ServerFixture {
  protected static final String PASSWORD = "correct horse";
  protected static final String SERVER = "parley/" + ServerConfig.VERSION;
  /** A rate high enough that no test that seeds many messages is ever rate limited. */
  protected static final int UNLIMITED = 100_000;

  @TempDir protected Path dataDir;

  /** Set by JUnit in classes marked {@code @ParameterizedClass @EnumSource(Transport.class)}. */
  @Parameter protected Transport transport;

  private final List<WireClient> clients = new ArrayList<>();
  private final List<AutoCloseable> closeAfter = new ArrayList<>();
  private UnaryOperator<ServerConfig> tweaks = UnaryOperator.identity();
  private ParleyServer server;
  /** The second node, in the cluster run. */
  private ParleyServer other;
  private TestDatabase database;
  private int opened;
  private int refs;

  /** Whether this run is the cluster run (see the class comment). */
  protected static boolean clusterRun() {
    return Boolean.getBoolean("parley.test.cluster");
  }

  /** The configuration of every test in a class; override to change it. */
  protected ServerConfig baseConfig(ServerConfig defaults) {
    return defaults;
  }

  /** Changes the configuration for this test; call it before the first connection. */
  protected final void configure(UnaryOperator<ServerConfig> change) {
    if (server != null) {
      throw new IllegalStateException("configure() before the server starts (first connect)");
    }
    UnaryOperator<ServerConfig> before = tweaks;
    tweaks = c -> change.apply(before.apply(c));
  }

  protected final ServerConfig config() {
    ServerConfig defaults = ServerConfig.forTests(dataDir);
    if (clusterRun()) {
      if (database == null) {
        database = TestDatabase.create();
      }
      defaults = defaults.withPostgres(database.url()).withRedis("redis://127.0.0.1:6379");
    }
    return tweaks.apply(baseConfig(defaults));
  }

  /** The running server (the first node, in the cluster run), started on first use. */
  protected final ParleyServer server() {
    if (server == null) {
      server = ParleyServer.start(config());
    }
    if (clusterRun() && other == null) {
      other = ParleyServer.start(config().withDataDir(dataDir.resolve("other")));
    }
    return server;
  }

  /** The node the next connection goes to: the one server, or each node in turn. */
  private ParleyServer nextNode() {
    server();
    return clusterRun() && opened++ % 2 == 1 ? other : server;
  }

  /**
   * Does what an operator's {@code parley user …} does: opens the store of the running server's
   * data directory (or PostgreSQL database) on a connection of its own, changes accounts there,
   * and closes it. The server learns of it only through the store.
   */
  protected final <T> T operator(java.util.function.Function<AccountStore, T> change) {
    server();
    String postgres = config().postgres();
    try (ChatStore store = postgres != null ? PostgresStore.open(PostgresUrl.parse(postgres)) : SqliteStore.open(dataDir)) {
      return change.apply(store.accountStore());
    }
  }

  /** An operator's {@code parley user add NAME} with {@link #PASSWORD}. */
  protected final void operatorAdds(String name) {
    String hash = PasswordHasher.owaspBaseline().hash(PASSWORD);
    java.util.Optional<?> created = operator(accounts -> accounts.createAccount(name, Names.key(name), hash));
    assertThat(created).isPresent();
  }

  /** Stops the server (clients get {@code bye shutdown}) and starts it on the same data dir. */
  protected final void restart() {
    stopServer();
    server();
  }

  @AfterEach
  final void stopEverything() throws Exception {
    clients.forEach(WireClient::close);
    clients.clear();
    Exception failed = null;
    for (AutoCloseable c : closeAfter) {
      try {
        c.close();
      } catch (Exception e) {
        if (failed == null) {
          failed = e;
        } else {
          failed.addSuppressed(e);
        }
      }
    }
    closeAfter.clear();
    stopServer();
    if (database != null) {
      database.close();
      database = null;
    }
    if (failed != null) {
      throw failed;
    }
  }

  /** Closes {@code c} after the test, before the server stops: a proxy, a client of a test's own. */
  protected final <T extends AutoCloseable> T closeAfter(T c) {
    closeAfter.add(c);
    return c;
  }

  private void stopServer() {
    if (server != null) {
      ParleyServer running = server;
      server = null;
      running.close();
    }
    if (other != null) {
      ParleyServer running = other;
      other = null;
      running.close();
    }
  }

  // ---- connections: the only transport-specific code of the suite ----

  private WireClient open(int receiveBufferBytes) {
    ParleyServer node = nextNode();
    WireClient client =
        switch (transport()) {
          case TCP -> WireClient.connect(node.tcpAddress(), receiveBufferBytes);
          case WEBSOCKET -> WireClient.webSocket(httpUri(node, "ws", "/ws"), null);
          case LONG_POLL -> WireClient.longPoll(httpUri(node, "http", "/"));
        };
    clients.add(client);
    return client;
  }

  /** The transport under test: the class's parameter, or TCP for a class that has none. */
  protected final Transport transport() {
    return transport == null ? Transport.TCP : transport;
  }

  private URI httpUri(ParleyServer node, String scheme, String path) {
    var address = node.httpAddress().orElseThrow();
    return URI.create(scheme + "://127.0.0.1:" + address.getPort() + path);
  }

  /**
   * The HTTP listener of the node the next connection goes to, as {@code http://127.0.0.1:PORT}
   * (for the HTTP API, which has no connection of its own).
   */
  protected final URI httpBase() {
    return httpUri(nextNode(), "http", "");
  }

  /** A new connection, not logged in. */
  protected final WireClient connect() {
    return open(0);
  }

  /**
   * A new connection with a small receive buffer, for playing a client too slow to read (with
   * {@link WireClient#pauseReading}).
   */
  protected final WireClient connectSlowReader() {
    return open(4096);
  }

  /** A connection logged in as a guest, its {@code welcome} consumed. */
  protected final WireClient guest(String name) {
    return login(connect(), WireClient.frame("type", "hello", "user", name));
  }

  /** A connection that registered {@code name} with {@link #PASSWORD}. */
  protected final WireClient register(String name) {
    return register(name, PASSWORD);
  }

  protected final WireClient register(String name, String password) {
    return login(
        connect(), WireClient.frame("type", "register", "user", name, "password", password));
  }

  /** A connection logged in with {@code name} and {@link #PASSWORD}. */
  protected final WireClient logIn(String name) {
    return login(
        connect(), WireClient.frame("type", "hello", "user", name, "password", PASSWORD));
  }

  /** A connection logged in with a token from an earlier welcome (no password hash: fast). */
  protected final WireClient resume(String token) {
    return login(connect(), WireClient.frame("type", "hello", "token", token));
  }

  private static WireClient login(WireClient client, String frame) {
    client.send(frame);
    client.expect("welcome");
    return client;
  }

  /** The {@code welcome} this connection received. */
  protected static JsonNode welcomeOf(WireClient client) {
    return client.seen().stream()
        .filter(f -> f.path("type").asText().equals("welcome"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no welcome in " + client.seen()));
  }

  protected static String tokenOf(WireClient client) {
    JsonNode token = welcomeOf(client).path("token");
    assertThat(token.isTextual()).as("token in %s", welcomeOf(client)).isTrue();
    return token.asText();
  }

  // ---- frames ----

  /** A fresh ref, unique within the test. */
  protected final String ref() {
    return "r" + ++refs;
  }

  /** Joins {@code room} and returns the {@code joined}; the replay (if any) is left unread. */
  protected static JsonNode join(WireClient client, String room) {
    client.sendFrame("type", "join", "room", room);
    return expectJoined(client, room);
  }

  protected static JsonNode join(WireClient client, String room, long since) {
    client.sendFrame("type", "join", "room", room, "since", since);
    return expectJoined(client, room);
  }

  private static JsonNode expectJoined(WireClient client, String room) {
    JsonNode joined = client.expect("joined");
    assertThat(joined.path("room").asText()).isEqualTo(Names.room(room));
    if (clusterRun()) {
      settle();
    }
    return joined;
  }

  /**
   * In the cluster run, lets a moment pass after a join: news of it reaches the other node
   * within milliseconds (the contract allows seconds), so that a test's next step, written for
   * one node, does not race it.
   */
  private static void settle() {
    try {
      Thread.sleep(CLUSTER_SETTLE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final long CLUSTER_SETTLE_MILLIS = 150;

  /** Sends {@code text} with a fresh ref, expects the ack then the own msg; returns the ack. */
  protected final JsonNode say(WireClient client, String room, String text) {
    String ref = ref();
    client.sendFrame("type", "send", "room", room, "text", text, "ref", ref);
    JsonNode ack = client.expect("ack");
    assertThat(ack.path("ref").asText()).isEqualTo(ref);
    assertThat(ack.path("room").asText()).isEqualTo(Names.room(room));
    JsonNode msg = client.expect("msg");
    assertThat(msg.path("id").asLong()).isEqualTo(ack.path("id").asLong());
    assertThat(msg.path("ts").asLong()).isEqualTo(ack.path("ts").asLong());
    assertThat(msg.path("text").asText()).isEqualTo(text);
    return ack;
  }

  /**
   * Sends {@code n} messages ("{@code <room> 1}", "{@code <room> 2}", …) in one burst and reads
   * their acks and own msgs; returns the acks in order. Needs a rate that allows the burst.
   */
  protected final List<JsonNode> seed(WireClient client, String room, int n) {
    List<String> sent = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      String ref = ref();
      sent.add(ref);
      client.sendFrame("type", "send", "room", room, "text", room + " " + i, "ref", ref);
    }
    List<JsonNode> acks = new ArrayList<>();
    List<JsonNode> msgs = new ArrayList<>();
    while (acks.size() < n || msgs.size() < n) {
      JsonNode frame = client.next();
      switch (frame.path("type").asText()) {
        case "ack" -> acks.add(frame);
        case "msg" -> msgs.add(frame);
        default -> throw new AssertionError("unexpected while seeding: " + frame);
      }
    }
    assertThat(acks).extracting(a -> a.path("ref").asText()).containsExactlyElementsOf(sent);
    assertThat(ids(msgs)).containsExactlyElementsOf(ids(acks));
    return acks;
  }

  /** The next {@code n} frames, which must all be {@code msg}. */
  protected static List<JsonNode> expectMsgs(WireClient client, int n) {
    List<JsonNode> msgs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      msgs.add(client.expect("msg"));
    }
    return msgs;
  }

  /**
   * Takes frames until {@code n} {@code msg} frames arrived and returns those; frames of the
   * {@code skipped} types are passed over (they stay in {@link WireClient#seen}), any other
   * type fails.
   */
  protected static List<JsonNode> takeMsgs(WireClient client, int n, String... skipped) {
    Set<String> skip = Set.copyOf(Arrays.asList(skipped));
    List<JsonNode> msgs = new ArrayList<>();
    while (msgs.size() < n) {
      JsonNode frame = client.next();
      String type = frame.path("type").asText();
      if (type.equals("msg")) {
        msgs.add(frame);
      } else if (!skip.contains(type)) {
        throw new AssertionError("expected msg, got " + frame);
      }
    }
    return msgs;
  }

  protected static List<Long> ids(List<JsonNode> frames) {
    return frames.stream().map(f -> f.path("id").asLong()).toList();
  }

  /** from, from + 1, …, to. */
  protected static List<Long> range(long from, long to) {
    List<Long> ids = new ArrayList<>();
    for (long i = from; i <= to; i++) {
      ids.add(i);
    }
    return ids;
  }

  protected static String refOf(JsonNode frame) {
    return frame.path("ref").asText(null);
  }
}
