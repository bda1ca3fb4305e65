package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testkit.WireClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A room member over a plain socket that notes when each {@code msg} arrives, for measuring
 * delivery latency: senders put their {@code System.nanoTime()} at the start of the text
 * ({@link #stamped}), and this reader, in the same JVM, subtracts it on arrival, before any
 * queueing in the test. It also checks, per room, that ids arrive one by one with no gap.
 */
final class TimedMember implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Socket socket;
  private final OutputStream out;
  private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
  private final Map<String, RoomTally> rooms = new ConcurrentHashMap<>();
  private final AtomicInteger acks = new AtomicInteger();

  /** What one member got in one room. */
  static final class RoomTally {
    private long lastId;
    private boolean gap;
    private long[] latencies = new long[1024];
    private int count;

    synchronized void arrived(long id, long latencyNanos) {
      gap |= id != lastId + 1;
      lastId = id;
      if (latencyNanos >= 0) {
        if (count == latencies.length) {
          latencies = Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = latencyNanos;
      }
    }

    synchronized long lastId() {
      return lastId;
    }

    synchronized boolean sawGap() {
      return gap;
    }

    synchronized long[] latencies() {
      return Arrays.copyOf(latencies, count);
    }
  }

  /** Connects and logs in as a guest. */
  TimedMember(InetSocketAddress server, String name) {
    try {
      socket = new Socket();
      socket.connect(server, 5000);
      socket.setTcpNoDelay(true);
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect to " + server, e);
    }
    Thread reader = new Thread(this::readLoop, "timed-member-" + name);
    reader.setDaemon(true);
    reader.start();
    write(WireClient.frame("type", "hello", "user", name));
    expect("welcome");
  }

  /** Joins a fresh room (the replay is empty) and waits for {@code joined}. */
  void join(String room) {
    rooms.put(room, new RoomTally());
    write(WireClient.frame("type", "join", "room", room));
    expect("joined");
  }

  /** Sends a text stamped with the time now. */
  void sendStamped(String room, String text, String ref) {
    write(WireClient.frame("type", "send", "room", room, "text", stamped(text), "ref", ref));
  }

  static String stamped(String text) {
    return "t" + System.nanoTime() + " " + text;
  }

  RoomTally tally(String room) {
    return rooms.get(room);
  }

  int acks() {
    return acks.get();
  }

  private synchronized void write(String json) {
    try {
      out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("send failed", e);
    }
  }

  /** The next reply that is not a {@code presence}, which must be of this type. */
  private void expect(String type) {
    try {
      JsonNode reply;
      do {
        reply = replies.poll(WireClient.DEFAULT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(reply).as("a %s within %s", type, WireClient.DEFAULT_WAIT).isNotNull();
      } while (reply.path("type").asText().equals("presence"));
      assertThat(reply.path("type").asText()).as("type of %s", reply).isEqualTo(type);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void readLoop() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        long arrived = System.nanoTime();
        JsonNode frame = JSON.readTree(line);
        switch (frame.path("type").asText()) {
          case "msg" -> msg(frame, arrived);
          case "ack" -> acks.incrementAndGet();
          default -> replies.add(frame);
        }
      }
    } catch (IOException ignored) {
      // the connection ended; the test's checks say whether it should have
    }
  }

  private void msg(JsonNode msg, long arrived) {
    RoomTally tally = rooms.get(msg.path("room").asText());
    if (tally == null) {
      return;
    }
    String text = msg.path("text").asText();
    int space = text.indexOf(' ');
    boolean stamped = text.startsWith("t") && space > 1;
    tally.arrived(msg.path("id").asLong(), stamped ? arrived - Long.parseLong(text.substring(1, space)) : -1);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already gone
    }
  }
}
