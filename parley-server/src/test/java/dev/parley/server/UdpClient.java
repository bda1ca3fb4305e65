package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A UDP sender on its own socket (on {@code 127.0.0.1}, or another loopback address to play a
 * second host). Every reply it receives is checked against the contract's size rule: it must be
 * matched by a datagram sent earlier and not yet answered that is at least as large, in bytes.
 */
final class UdpClient implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final DatagramSocket socket;
  private final InetSocketAddress server;
  /** Sizes of the datagrams sent and not yet matched by a reply, with their counts. */
  private final TreeMap<Integer, Integer> unanswered = new TreeMap<>();

  UdpClient(InetSocketAddress server, InetAddress from) {
    this.server = server;
    try {
      this.socket = new DatagramSocket(new InetSocketAddress(from, 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends one datagram of exactly these bytes. */
  void send(byte[] datagram) {
    try {
      socket.send(new DatagramPacket(datagram, datagram.length, server));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    unanswered.merge(datagram.length, 1, Integer::sum);
  }

  void send(String json) {
    send(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends {@code json} and returns its one reply. */
  JsonNode exchange(String json) {
    send(json);
    return reply(WAIT).orElseThrow(() -> new AssertionError("no reply within " + WAIT + " to " + json));
  }

  /** The frame of {@link WireClient#frame} as one datagram, and its one reply. */
  JsonNode exchange(Object... keysAndValues) {
    return exchange(WireClient.frame(keysAndValues));
  }

  /** The next reply, its size checked (see the class comment), or empty after {@code wait}. */
  Optional<JsonNode> reply(Duration wait) {
    byte[] buffer = new byte[65_536];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    try {
      socket.setSoTimeout((int) wait.toMillis());
      socket.receive(packet);
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int size = packet.getLength();
    Integer matched = unanswered.ceilingKey(size);
    assertThat(matched)
        .as("a reply of %d bytes, but no unanswered datagram that large (unanswered sizes %s)", size, unanswered)
        .isNotNull();
    unanswered.merge(matched, -1, (a, b) -> a + b == 0 ? null : a + b);
    return Optional.of(WireClient.json(new String(buffer, 0, size, StandardCharsets.UTF_8)));
  }

  /** Fails if a reply arrives within {@code quiet}. */
  void assertNoReply(Duration quiet) {
    assertThat(reply(quiet)).as("a reply where none may come").isEmpty();
  }

  /** Every reply until none has come for {@code quiet} (at most {@code max}). */
  List<JsonNode> drain(Duration quiet, int max) {
    List<JsonNode> replies = new ArrayList<>();
    for (int i = 0; i < max; i++) {
      Optional<JsonNode> next = reply(quiet);
      if (next.isEmpty()) {
        break;
      }
      replies.add(next.get());
    }
    return replies;
  }

  @Override
  public void close() {
    socket.close();
  }
}
