package dev.parley.app.chaos;

import dev.parley.client.ClientListener;
import dev.parley.client.ClientLoops;
import dev.parley.client.ClientOptions;
import dev.parley.client.ConnectionState;
import dev.parley.client.Credentials;
import dev.parley.client.Endpoint;
import dev.parley.client.ParleyClient;
import dev.parley.protocol.ServerFrame;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clients: library {@link ParleyClient}s, even-numbered over TCP and odd-numbered over
 * WebSocket, registered users, each a member of {@code roomsPerClient} neighbouring rooms. Each
 * sends numbered messages ({@code "<user> <n>"}) at a steady rate, round-robin over its rooms,
 * with the library's {@code send}; the ledger hears every ack, delivery and login. In a cluster
 * every client knows every node, client i starting on node i mod N, so that the rooms' members
 * are spread over the nodes and every message crosses between them.
 */
final class Fleet implements AutoCloseable {
  private static final Duration SETUP_LIMIT = Duration.ofMinutes(3);
  private static final String PASSWORD = "chaos password";
  private static final int WAVE = 10;
  private static final Duration LOGIN_HEARTBEAT = Duration.ofSeconds(20);

  private final ChaosSettings settings;
  private final Ledger ledger;
  private final ClientLoops loops = ClientLoops.create(2, 2);
  private final List<ParleyClient> clients = new ArrayList<>();
  private final List<List<String>> roomsOf = new ArrayList<>();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chaos-sender");
        t.setDaemon(true);
        return t;
      });

  /** One server's (or node's) ports. */
  record Ports(int tcp, int http) {}

  Fleet(ChaosSettings settings, Ledger ledger) {
    this.settings = settings;
    this.ledger = ledger;
  }

  /**
   * Connects (registering) and joins every client, all from an empty room. Registering hashes a
   * password on the server's small auth pool, so clients come in waves rather than all at once.
   */
  void assemble(List<Ports> nodes) throws Exception {
    long deadline = System.nanoTime() + SETUP_LIMIT.toNanos();
    List<CompletableFuture<?>> wave = new ArrayList<>();
    for (int i = 0; i < settings.clients(); i++) {
      wave.add(connectAndJoin(i, nodes));
      if (wave.size() == WAVE || i == settings.clients() - 1) {
        long left = deadline - System.nanoTime();
        try {
          CompletableFuture.allOf(wave.toArray(CompletableFuture[]::new)).get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          throw new IllegalStateException(
              "the clients did not all log in and join within " + Seconds.format(SETUP_LIMIT));
        }
        wave.clear();
      }
    }
  }

  private CompletableFuture<?> connectAndJoin(int index, List<Ports> nodes) {
    List<Endpoint> servers = new ArrayList<>();
    for (int k = 0; k < nodes.size(); k++) {
      Ports node = nodes.get((index + k) % nodes.size());
      servers.add(index % 2 == 0
          ? Endpoint.tcp("127.0.0.1", node.tcp())
          : Endpoint.webSocket(URI.create("ws://127.0.0.1:" + node.http() + "/ws")));
    }
    // Before a welcome the client's own heartbeat applies: long enough for a queued password
    // hash; after it the server's short one does.
    ClientOptions options =
        ClientOptions.of(servers, Credentials.register(userName(index), PASSWORD))
            .withHeartbeat(LOGIN_HEARTBEAT)
            .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(2))
            .withFramesPerSecond(100)
            .withLoops(loops);
    ParleyClient client = ParleyClient.create(options)
        .addListener(new ClientListener() {
          @Override
          public void message(ServerFrame.Msg msg) {
            ledger.delivered(index, msg);
          }

          @Override
          public void stateChanged(ConnectionState state, String detail) {
            if (state == ConnectionState.CONNECTED) {
              ledger.loggedIn(index);
            }
          }
        });
    clients.add(client);
    List<String> rooms = roomsOf(index);
    roomsOf.add(rooms);
    rooms.forEach(room -> ledger.member(index, room));
    return client.connect().thenCompose(welcome -> CompletableFuture.allOf(
        rooms.stream().map(room -> client.join(room, 0L)).toArray(CompletableFuture[]::new)));
  }

  /** Starts every client's numbered stream; each sends once every 1/rate seconds, staggered. */
  void startSending() {
    long periodMicros = Math.max(1, Math.round(1_000_000 / settings.rate()));
    for (int i = 0; i < clients.size(); i++) {
      int index = i;
      AtomicLong number = new AtomicLong();
      long offset = periodMicros * i / clients.size();
      ticker.scheduleAtFixedRate(() -> sendNext(index, number.incrementAndGet()),
          offset, periodMicros, TimeUnit.MICROSECONDS);
    }
  }

  void stopSending() throws InterruptedException {
    ticker.shutdownNow();
    ticker.awaitTermination(10, TimeUnit.SECONDS);
  }

  private void sendNext(int index, long n) {
    List<String> rooms = roomsOf.get(index);
    String room = rooms.get((int) (n % rooms.size()));
    String text = userName(index) + " " + n;
    ledger.started();
    long sent = System.nanoTime();
    clients.get(index).send(room, text).whenComplete((ack, failure) -> {
      if (ack != null) {
        ledger.acked(ack, text, System.nanoTime() - sent);
      } else {
        ledger.failed(failure);
      }
    });
  }

  /** Client i's rooms: i, i+1, … (mod the room count), so every room has several members. */
  private List<String> roomsOf(int i) {
    List<String> rooms = new ArrayList<>();
    for (int k = 0; k < settings.roomsPerClient(); k++) {
      rooms.add(roomName((i + k) % settings.rooms()));
    }
    return List.copyOf(rooms);
  }

  List<String> rooms() {
    List<String> all = new ArrayList<>();
    for (int r = 0; r < settings.rooms(); r++) {
      all.add(roomName(r));
    }
    return all;
  }

  /** Members per room, for the report. */
  int membersOf(String room) {
    return (int) roomsOf.stream().filter(rooms -> rooms.contains(room)).count();
  }

  String roomName(int r) {
    return "chaos-" + settings.runTag() + "-r" + r;
  }

  private String userName(int i) {
    return "c" + settings.runTag() + "-" + i;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    clients.forEach(ParleyClient::close);
    loops.close();
  }
}
