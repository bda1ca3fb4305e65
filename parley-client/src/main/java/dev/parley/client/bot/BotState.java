package dev.parley.client.bot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state file: per room, the id of the last message the bot has finished with (answered and
 * acknowledged, or not to be answered), as {@code {"rooms":{"lobby":42}}}. Written whole to a
 * temporary file, forced to disk and renamed over the old one, so a crash at any moment leaves
 * either the old state or the new one, never half of either. {@code null} path: kept in memory
 * only. Not thread-safe: its owner calls it from one thread at a time.
 */
final class BotState {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  BotState(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /**
   * The saved places; empty when there is no file yet.
   *
   * @throws IllegalArgumentException when the file cannot be read or is not a bot's state
   */
  Map<String, Long> load() {
    Map<String, Long> rooms = new TreeMap<>();
    if (file == null || !Files.exists(file)) {
      return rooms;
    }
    try {
      JsonNode saved = JSON.readTree(Files.readAllBytes(file)).path("rooms");
      if (!saved.isObject()) {
        throw new IllegalArgumentException("bot state " + file + " has no \"rooms\" object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = saved.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> room = it.next();
        if (!room.getValue().canConvertToLong() || room.getValue().longValue() < 0) {
          throw new IllegalArgumentException("bot state " + file + ": room " + room.getKey()
              + " has no message id");
        }
        rooms.put(room.getKey(), room.getValue().longValue());
      }
      return rooms;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bot state " + file + " is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read bot state " + file + ": " + e);
    }
  }

  /** Replaces the file with these places. */
  void save(Map<String, Long> rooms) {
    if (file == null) {
      return;
    }
    ObjectNode root = JSON.createObjectNode();
    ObjectNode places = root.putObject("rooms");
    new TreeMap<>(rooms).forEach(places::put);
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer bytes = ByteBuffer.wrap(JSON.writeValueAsBytes(root));
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        out.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write bot state " + file, e);
    }
  }
}
