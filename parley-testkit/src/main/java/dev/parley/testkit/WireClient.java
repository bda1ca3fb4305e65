package dev.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

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

  private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
  private final List<JsonNode> seen = new ArrayList<>();
  private final Link link;

  private WireClient(Function<Link.Inbox, Link> connect) {
    this.link = connect.apply(new Link.Inbox() {
      @Override
      public void received(String json) {
        frames.add(parse(json));
      }

      @Override
      public void ended() {
        frames.add(CLOSED);
      }
    });
  }

  /** A JSON-lines TCP connection. */
  public static WireClient connect(InetSocketAddress address) {
    return connect(address, 0);
  }

  /**
   * Connects with a small socket receive buffer ({@code receiveBufferBytes}; 0 keeps the system
   * default), so that with {@link #pauseReading} the server soon sees a client that does not read.
   */
  public static WireClient connect(InetSocketAddress address, int receiveBufferBytes) {
    return new WireClient(inbox -> new TcpLink(address, receiveBufferBytes, null, inbox));
  }

  /** A TCP connection from a chosen local address, such as another loopback address. */
  public static WireClient connectFrom(InetSocketAddress address, java.net.InetAddress from) {
    return new WireClient(inbox -> new TcpLink(address, 0, from, inbox));
  }

  /** A WebSocket connection to {@code uri} ({@code ws://host:port/ws}), sending {@code origin} if not null. */
  public static WireClient webSocket(URI uri, String origin) {
    return webSocket(uri, origin, null);
  }

  /** As {@link #webSocket(URI, String)}, over TLS ({@code wss://}) trusting {@code tls}. */
  public static WireClient webSocket(URI uri, String origin, javax.net.ssl.SSLContext tls) {
    return new WireClient(inbox -> new WebSocketLink(uri, origin, tls, inbox));
  }

  /**
   * A long-polling connection to the server at {@code base} ({@code http://host:port/}). The
   * first frame sent opens the session.
   */
  public static WireClient longPoll(URI base) {
    return longPoll(base, null);
  }

  /** As {@link #longPoll(URI)}, over HTTPS trusting {@code tls}. */
  public static WireClient longPoll(URI base, javax.net.ssl.SSLContext tls) {
    return new WireClient(inbox -> new LongPollLink(base, tls, inbox));
  }

  /** Connects and logs in as a guest, consuming the {@code welcome}. */
  public static WireClient guest(InetSocketAddress address, String user) {
    WireClient client = connect(address);
    client.send("{\"type\":\"hello\",\"user\":\"" + user + "\"}");
    client.expect("welcome");
    return client;
  }

  /** Connects and registers a new account, consuming the {@code welcome}. */
  public static WireClient register(InetSocketAddress address, String user, String password) {
    WireClient client = connect(address);
    client.sendFrame("type", "register", "user", user, "password", password);
    client.expect("welcome");
    return client;
  }

  /**
   * One JSON object from alternating keys and values, e.g. {@code frame("type", "join", "room",
   * "lobby", "since", 4)}. Values may be strings, numbers, booleans, {@code null} or {@link
   * JsonNode}s; strings are escaped by Jackson, so any text (controls, emoji) can be sent.
   */
  public static String frame(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must alternate");
    }
    ObjectNode node = JSON.createObjectNode();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      String key = (String) keysAndValues[i];
      Object value = keysAndValues[i + 1];
      if (value == null) {
        node.putNull(key);
      } else if (value instanceof String v) {
        node.put(key, v);
      } else if (value instanceof Integer v) {
        node.put(key, v);
      } else if (value instanceof Long v) {
        node.put(key, v);
      } else if (value instanceof Double v) {
        node.put(key, v);
      } else if (value instanceof Boolean v) {
        node.put(key, v);
      } else if (value instanceof JsonNode v) {
        node.set(key, v);
      } else {
        throw new IllegalArgumentException("cannot put " + value.getClass() + " in a frame");
      }
    }
    try {
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends {@link #frame(Object...)} of these keys and values. */
  public WireClient sendFrame(Object... keysAndValues) {
    return send(frame(keysAndValues));
  }

  /** Sends one frame, framed as the transport frames it. */
  public WireClient send(String json) {
    link.send(json);
    return this;
  }

  /** Sends several frames, one per line of {@code lines}, at once as the transport allows. */
  public WireClient sendLines(String lines) {
    link.sendBurst(java.util.Arrays.stream(lines.split("\n")).filter(l -> !l.isEmpty()).toList());
    return this;
  }

  /** Sends bytes exactly as given (TCP only). */
  public WireClient sendRaw(byte[] bytes) {
    link.sendRaw(bytes);
    return this;
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

  /** Whether a frame (or the close) has arrived that {@link #next()} has not taken yet. */
  public boolean hasArrived() {
    return !frames.isEmpty();
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

  /**
   * Stops taking frames off the transport, so the server's output to this client backs up as
   * with a client too slow to read. Frames already queued stay queued.
   */
  public void pauseReading() {
    link.pauseReading();
  }

  public void resumeReading() {
    link.resumeReading();
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
    link.close();
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(line);
    }
  }
}
