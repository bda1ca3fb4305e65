package dev.parley.client;

import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * An in-process server on a free port and the clients of one test, all closed after it. The
 * server can be restarted on the same port and data directory, which is what a client sees when
 * a real server is restarted under it.
 */
abstract class ClientFixture {
  static final String PASSWORD = "correct horse";
  static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dataDir;
  private final List<ParleyClient> clients = new ArrayList<>();
  private ServerConfig config;
  private ParleyServer server;

  /** Starts the server (call once, first, when a test needs another config than the default). */
  final ParleyServer server(UnaryOperator<ServerConfig> tweak) {
    config = tweak.apply(ServerConfig.forTests(dataDir));
    server = ParleyServer.start(config);
    config = config.withTcpPort(server.tcpAddress().getPort());
    if (server.httpAddress().isPresent()) {
      config = config.withHttpPort(server.httpAddress().get().getPort());
    }
    return server;
  }

  final ParleyServer server() {
    return server != null ? server : server(UnaryOperator.identity());
  }

  /** Stops the server (clients get {@code bye shutdown}) and starts it again on the same port. */
  final void restart() {
    stopServer();
    server = ParleyServer.start(config);
  }

  final void stopServer() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** The future's value, or its failure, within {@link #WAIT}. */
  static <T> T done(java.util.concurrent.CompletableFuture<T> future) {
    return future.orTimeout(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join();
  }

  ClientOptions options(Credentials credentials) {
    return ClientOptions.of(Endpoint.tcp("127.0.0.1", server().tcpAddress().getPort()), credentials)
        .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500));
  }

  /** A client with a {@link Recorder}, connected (its first welcome awaited). */
  final ParleyClient connect(ClientOptions options, Recorder recorder) {
    ParleyClient client = ParleyClient.create(options).addListener(recorder);
    clients.add(client);
    client.connect().orTimeout(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join();
    return client;
  }

  final ParleyClient guest(String name, Recorder recorder) {
    return connect(options(Credentials.guest(name)), recorder);
  }

  final ParleyClient register(String name, Recorder recorder) {
    return connect(options(Credentials.register(name, PASSWORD)), recorder);
  }

  final ParleyClient unstarted(ClientOptions options) {
    ParleyClient client = ParleyClient.create(options);
    clients.add(client);
    return client;
  }

  @AfterEach
  final void closeEverything() {
    clients.forEach(ParleyClient::close);
    stopServer();
  }
}
