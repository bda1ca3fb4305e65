package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Base64;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A raw IRC client for tests: lines out, every line in recorded; waits are bounded. */
final class IrcWire implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(10);
  private static final String CLOSED = "\u0000closed";

  private final Socket socket;
  private final OutputStream out;
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private boolean closed;

  private IrcWire(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    var reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    Thread t = new Thread(() -> {
      try {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        // closed
      }
      lines.add(CLOSED);
    }, "irc-wire-reader");
    t.setDaemon(true);
    t.start();
  }

  static IrcWire connect(InetSocketAddress address) {
    try {
      return new IrcWire(new Socket(address.getAddress(), address.getPort()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Registers with SASL PLAIN and the given capabilities (sasl added), through to 376. */
  static IrcWire sasl(InetSocketAddress address, String user, String password, String caps) {
    IrcWire irc = connect(address);
    irc.send("CAP LS 302");
    irc.expect(l -> l.contains(" CAP * LS "));
    irc.send("CAP REQ :sasl" + (caps.isEmpty() ? "" : " " + caps));
    irc.expect(l -> l.contains(" CAP * ACK "));
    irc.send("AUTHENTICATE PLAIN");
    irc.expect(l -> l.equals("AUTHENTICATE +"));
    String plain = "\0" + user + "\0" + password;
    irc.send("AUTHENTICATE " + Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8)));
    irc.expect(l -> l.contains(" 903 "));
    irc.send("CAP END"); // then NICK and USER, as irssi does
    irc.send("NICK " + user);
    irc.send("USER " + user + " 0 * :" + user);
    irc.expect(l -> l.contains(" 376 "));
    return irc;
  }

  /** Registers as a guest with NICK and USER alone, through to 376. */
  static IrcWire guest(InetSocketAddress address, String nick) {
    IrcWire irc = connect(address);
    irc.send("NICK " + nick);
    irc.send("USER " + nick + " 0 * :" + nick);
    irc.expect(l -> l.contains(" 376 "));
    return irc;
  }

  IrcWire send(String line) {
    return sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
  }

  IrcWire sendRaw(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** The next line that matches, skipping others; fails after {@link #WAIT}. */
  String expect(Predicate<String> wanted) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      String line = poll(deadline);
      if (line == null) {
        throw new AssertionError("no such line within " + WAIT + "; seen: " + String.join("\n", seen));
      }
      if (line.equals(CLOSED)) {
        throw new AssertionError("closed before such a line; seen: " + String.join("\n", seen));
      }
      if (wanted.test(line)) {
        return line;
      }
    }
  }

  String expect(String contained) {
    return expect(l -> l.contains(contained));
  }

  /** Every line before the first that matches (which is taken too, but not returned). */
  List<String> until(Predicate<String> last) {
    List<String> taken = new ArrayList<>();
    expect(l -> {
      if (last.test(l)) {
        return true;
      }
      taken.add(l);
      return false;
    });
    return taken;
  }

  /** Waits for the server to close; returns the lines that came before. */
  List<String> awaitClosed() {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<String> before = new ArrayList<>();
    while (true) {
      String line = poll(deadline);
      assertThat(line).as("closed within %s; seen: %s", WAIT, seen).isNotNull();
      if (line.equals(CLOSED)) {
        return before;
      }
      before.add(line);
    }
  }

  /** Asserts that no line matching arrives for a moment. */
  void assertNone(Predicate<String> unwanted, Duration quiet) {
    long deadline = System.nanoTime() + quiet.toNanos();
    for (String line = poll(deadline); line != null && !line.equals(CLOSED); line = poll(deadline)) {
      assertThat(unwanted.test(line)).as("unexpected line %s", line).isFalse();
    }
  }

  private String poll(long deadline) {
    if (closed) {
      return CLOSED;
    }
    try {
      String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line != null) {
        seen.add(line);
        closed = line.equals(CLOSED);
      }
      return line;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
