package dev.parley.app.chat;

import dev.parley.client.ClientListener;
import dev.parley.client.ConnectionState;
import dev.parley.client.ParleyClient;
import dev.parley.protocol.ServerFrame;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pipe mode: joins the rooms, sends each line of standard input to the first, prints every
 * new message as one line, and once input ends waits until every line was acknowledged (and
 * came back) before it exits. Exit status 0 when everything was sent, 1 otherwise.
 */
final class PipeChat {
  /** How long to wait for the first login. */
  static final Duration CONNECT_LIMIT = Duration.ofSeconds(15);
  /** How long, after input ends, to wait for the last acknowledgements (reconnects included). */
  static final Duration DRAIN_LIMIT = Duration.ofSeconds(60);

  private final ParleyClient client;
  private final String endpoint;
  private final List<String> rooms;
  private final BufferedReader in;
  private final PrintStream err;
  private final PipePrinter printer;

  PipeChat(ParleyClient client, String endpoint, List<String> rooms, BufferedReader in,
      PrintStream out, PrintStream err) {
    this.client = client;
    this.endpoint = endpoint;
    this.rooms = rooms;
    this.in = in;
    this.err = err;
    this.printer = new PipePrinter(out);
  }

  int run() {
    AtomicReference<String> lastProblem = new AtomicReference<>("no answer");
    client.addListener(printer);
    client.addListener(new ClientListener() {
      @Override
      public void stateChanged(ConnectionState state, String detail) {
        if (state != ConnectionState.CONNECTED) {
          lastProblem.set(detail);
        }
      }
    });
    connect(lastProblem);
    for (String room : rooms) {
      ServerFrame.Joined joined = get(client.join(room), CONNECT_LIMIT, "cannot join " + room);
      printer.joined(room, joined.last());
    }
    List<CompletableFuture<ServerFrame.Ack>> sends = sendLines();
    return awaitAcks(sends);
  }

  private void connect(AtomicReference<String> lastProblem) {
    try {
      client.connect().get(CONNECT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new ChatFailure("cannot reach " + endpoint + ": " + lastProblem.get());
    } catch (ExecutionException e) {
      throw new ChatFailure(Reasons.of(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatFailure("interrupted");
    }
  }

  private List<CompletableFuture<ServerFrame.Ack>> sendLines() {
    List<CompletableFuture<ServerFrame.Ack>> sends = new ArrayList<>();
    try {
      String line;
      while ((line = in.readLine()) != null) {
        String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (text.isEmpty()) {
          continue;
        }
        if (rooms.isEmpty()) {
          throw new ChatFailure("no room to send to: give --room ROOM");
        }
        sends.add(client.send(rooms.get(0), text));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sends;
  }

  private int awaitAcks(List<CompletableFuture<ServerFrame.Ack>> sends) {
    long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
    int failed = 0;
    for (CompletableFuture<ServerFrame.Ack> send : sends) {
      try {
        ServerFrame.Ack ack = send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        printer.awaitSeen(ack.room(), ack.id(), deadline);
      } catch (ExecutionException e) {
        failed++;
        err.println(dev.parley.app.ErrorLine.of("not sent: " + Reasons.of(e)));
      } catch (TimeoutException e) {
        failed++;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 1;
      }
    }
    long unacknowledged = sends.stream().filter(s -> !s.isDone()).count();
    if (unacknowledged > 0) {
      err.println(dev.parley.app.ErrorLine.of(unacknowledged + " lines were not acknowledged within " + DRAIN_LIMIT.toSeconds() + " s"));
    }
    return failed == 0 ? 0 : 1;
  }

  private static <T> T get(CompletableFuture<T> future, Duration limit, String what) {
    try {
      return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new ChatFailure(what + ": " + Reasons.of(e));
    } catch (TimeoutException e) {
      throw new ChatFailure(what + ": no answer within " + limit.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatFailure("interrupted");
    }
  }
}
