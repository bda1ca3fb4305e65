package dev.parley.app.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The servers under test: one on SQLite in the data directory, or the N nodes of a cluster on
 * one PostgreSQL database and Redis, node K with the data directory {@code node-K} and the log
 * {@code node-K.log}. The nodes start together (they take turns at the schema). Only the chaos
 * run's main thread calls it after the start, one fault at a time, so at most one node is ever
 * dead or frozen and the others carry on.
 */
final class Nodes implements AutoCloseable {
  private final List<ServerSupervisor> servers;

  private Nodes(List<ServerSupervisor> servers) {
    this.servers = servers;
  }

  static Nodes single(Path dataDir, Duration heartbeat) {
    return new Nodes(List.of(ServerSupervisor.start(dataDir, heartbeat)));
  }

  static Nodes cluster(int n, Path dataDir, Duration heartbeat, String postgres, String redis) throws Exception {
    List<CompletableFuture<ServerSupervisor>> starting = new ArrayList<>();
    for (int k = 1; k <= n; k++) {
      Path nodeDir = Files.createDirectories(dataDir.resolve("node-" + k));
      Path log = dataDir.resolve("node-" + k + ".log");
      starting.add(CompletableFuture.supplyAsync(() -> ServerSupervisor.startNode(nodeDir, log, heartbeat, postgres, redis)));
    }
    List<ServerSupervisor> started = new ArrayList<>();
    RuntimeException failure = null;
    for (CompletableFuture<ServerSupervisor> f : starting) {
      try {
        started.add(f.join());
      } catch (CompletionException e) {
        failure = e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    if (failure != null) {
      started.forEach(ServerSupervisor::close);
      throw failure;
    }
    return new Nodes(List.copyOf(started));
  }

  int size() {
    return servers.size();
  }

  /** Node {@code k}, counting from 1. */
  ServerSupervisor node(int k) {
    return servers.get(k - 1);
  }

  /** Every node's ports, in node order. */
  List<Fleet.Ports> ports() {
    return servers.stream().map(s -> new Fleet.Ports(s.tcpPort(), s.httpPort())).toList();
  }

  @Override
  public void close() {
    servers.forEach(ServerSupervisor::close);
  }
}
