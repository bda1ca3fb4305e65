package dev.parley.server.transport.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistent MQTT sessions of this node: one small JSON file per (user, client id) in
 * {@code DATA_DIR/mqtt-sessions}, written whole (a temporary file, forced to disk, renamed over
 * the old one) on one thread of its own, so the event loops never touch the disk. Saves asked
 * for while one is queued share it. Also knows which connection holds each session now, so a
 * second CONNECT with the same client id takes the session over. Thread-safe.
 */
public final class MqttSessions implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MqttSessions.class);
  private final ObjectMapper json = new ObjectMapper();
  private final Path dir;
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "parley-mqtt-sessions");
        t.setDaemon(true);
        return t;
      });
  /** Sessions read this run, so that a takeover and its predecessor share one state. */
  private final ConcurrentMap<String, MqttSessionState> states = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Channel> holders = new ConcurrentHashMap<>();
  /** Saves queued and not yet started, per session; merged into one. */
  private final ConcurrentMap<String, CompletableFuture<Void>> queued = new ConcurrentHashMap<>();

  public MqttSessions(Path dataDir) {
    this.dir = dataDir.resolve("mqtt-sessions");
  }

  /** A session's state and whether it existed before. */
  record Opened(MqttSessionState state, boolean present) {}

  /**
   * The session {@code key}, read from its file (or made empty, when {@code clean} or when it
   * has none). Completes on the writer thread.
   */
  CompletableFuture<Opened> open(String key, boolean clean) {
    return CompletableFuture.supplyAsync(() -> {
      Path file = fileOf(key);
      if (clean) {
        states.remove(key);
        deleteQuietly(file);
        MqttSessionState fresh = new MqttSessionState();
        states.put(key, fresh);
        return new Opened(fresh, false);
      }
      MqttSessionState known = states.get(key);
      if (known != null) {
        return new Opened(known, true);
      }
      boolean present = Files.exists(file);
      MqttSessionState state = present ? read(file) : new MqttSessionState();
      states.put(key, state);
      return new Opened(state, present);
    }, writer);
  }

  /** Forgets a session for good (a clean one ended). */
  void discard(String key) {
    writer.execute(() -> {
      states.remove(key);
      deleteQuietly(fileOf(key));
    });
  }

  /** Writes the session's current state; completes once it is on disk. */
  CompletableFuture<Void> save(String key, MqttSessionState state) {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> already = queued.putIfAbsent(key, mine);
    if (already != null) {
      return already;
    }
    try {
      writer.execute(() -> {
        queued.remove(key, mine);
        try {
          write(fileOf(key), state.snapshot());
          mine.complete(null);
        } catch (RuntimeException e) {
          log.warn("saving an MQTT session failed", e);
          mine.completeExceptionally(e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      queued.remove(key, mine);
      mine.completeExceptionally(stopping);
    }
    return mine;
  }

  /** Records {@code channel} as the session's holder; returns the one it takes over, if any. */
  Channel hold(String key, Channel channel) {
    return holders.put(key, channel);
  }

  void release(String key, Channel channel) {
    holders.remove(key, channel);
  }

  private Path fileOf(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(digest) + ".json");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private MqttSessionState read(Path file) {
    try {
      return MqttSessionState.of(json.readValue(file.toFile(), MqttSessionState.Snapshot.class));
    } catch (IOException e) {
      log.warn("the MQTT session file {} is unreadable; starting it afresh", file, e);
      return new MqttSessionState();
    }
  }

  private void write(Path file, MqttSessionState.Snapshot snapshot) {
    try {
      Files.createDirectories(dir);
      Path temp = dir.resolve(file.getFileName() + ".tmp");
      byte[] bytes = json.writeValueAsBytes(snapshot);
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(java.nio.ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("could not delete the MQTT session file {}", file, e);
    }
  }

  /** Finishes the saves already asked for; after the connections have closed. */
  @Override
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
