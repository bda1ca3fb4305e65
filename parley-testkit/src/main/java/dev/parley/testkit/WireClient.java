package dev.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A recording JSON-lines client over a plain TCP socket. A reader thread parses each line the
 * server sends into a {@link JsonNode} and queues it; tests take frames in order with {@link
 * #expect} and check that nothing else arrived with {@link #assertNoMoreFrames}. Lines that are
 * not JSON are recorded as a text node, so a test sees them rather than hanging.
 */
public final class WireClient implements AutoCloseable {
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode CLOSED = JSON.getNodeFactory().textNode("<closed>");

  private final Socket socket;
  private final OutputStream out;
  private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
  private final List<JsonNode> seen = new ArrayList<>();
  private volatile boolean closedByServer;

  private WireClient(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    Thread reader = new Thread(this::readLoop, "wire-client-reader");
    reader.setDaemon(true);
    reader.start();
  }

  public static WireClient connect(InetSocketAddress address) {
    try {
      Socket socket = new Socket();
      socket.connect(address, 5000);
      socket.setTcpNoDelay(true);
      return new WireClient(socket);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect to " + address, e);
    }
  }

  /** Connects and logs in as a guest, consuming the {@code welcome}. */
  public static WireClient guest(InetSocketAddress address, String user) {
    WireClient client = connect(address);
    client.send("{\"type\":\"hello\",\"user\":\"" + user + "\"}");
    client.expect("welcome");
    return client;
  }

  /** Sends one frame: {@code json} and a newline. */
  public WireClient send(String json) {
    return sendRaw((json + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Sends bytes exactly as given. */
  public WireClient sendRaw(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("send failed", e);
    }
  }

  /** The next frame, whatever its type; fails after {@link #DEFAULT_WAIT}. */
  public JsonNode next() {
    return next(DEFAULT_WAIT);
  }

  public JsonNode next(Duration wait) {
    try {
      JsonNode frame = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
      if (frame == null) {
        fail("no frame within %s; frames so far: %s", wait, seen);
      }
      if (frame == CLOSED) {
        frames.add(CLOSED);
        fail("connection closed by the server; frames so far: %s", seen);
      }
      seen.add(frame);
      return frame;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The next frame, which must have this {@code type}. */
  public JsonNode expect(String type) {
    JsonNode frame = next();
    assertThat(frame.path("type").asText()).as("type of %s", frame).isEqualTo(type);
    return frame;
  }

  /** The next frame, which must be an {@code error} with this code. */
  public JsonNode expectError(String code) {
    JsonNode frame = expect("error");
    assertThat(frame.path("code").asText()).as("code of %s", frame).isEqualTo(code);
    return frame;
  }

  /** Fails if any frame arrives within {@code quiet}. */
  public void assertNoMoreFrames(Duration quiet) {
    try {
      JsonNode frame = frames.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
      if (frame != null && frame != CLOSED) {
        fail("expected no more frames, got %s", frame);
      }
      if (frame == CLOSED) {
        frames.add(CLOSED);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public void assertNoMoreFrames() {
    assertNoMoreFrames(Duration.ofMillis(300));
  }

  /**
   * Waits until the server closes the connection, returning the frames that arrived before the
   * close. Fails if the connection is still open after {@code wait}.
   */
  public List<JsonNode> awaitClosed(Duration wait) {
    List<JsonNode> before = new ArrayList<>();
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        JsonNode frame = frames.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
        if (frame == null) {
          fail("connection still open after %s; frames: %s", wait, before);
        }
        if (frame == CLOSED) {
          frames.add(CLOSED);
          return before;
        }
        seen.add(frame);
        before.add(frame);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public boolean isClosedByServer() {
    return closedByServer;
  }

  /** Every frame taken so far, in order. */
  public List<JsonNode> seen() {
    return List.copyOf(seen);
  }

  /** Parses a JSON text, for building expected values in tests. */
  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a socket that is already gone is not a test failure
    }
  }

  private void readLoop() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        frames.add(parse(line));
      }
    } catch (IOException ignored) {
      // a reset or our own close ends the stream like a FIN does
    } finally {
      closedByServer = true;
      frames.add(CLOSED);
    }
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(line);
    }
  }
}
