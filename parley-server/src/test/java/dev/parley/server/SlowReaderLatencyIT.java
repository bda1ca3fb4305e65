package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.Fault;
import dev.parley.testkit.FaultProxy;
import dev.parley.testkit.WireClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * What slow readers cost the others: a room of {@value #MEMBERS} members with a steady stream of
 * messages, once with every member reading at full speed, once with a tenth of them behind
 * proxies that trickle the server's output to them. The slow ones must be dropped as slow
 * consumers and the others must get every message; their delivery latency (from the sender's
 * write to the reader's socket) is printed for both runs, never asserted: it depends on the
 * machine.
 */
class SlowReaderLatencyIT extends ServerFixture {
  private static final int MEMBERS = 40;
  private static final int SLOW = MEMBERS / 10;
  private static final int PUBLISHERS = 4;
  private static final int PER_SECOND = 150;
  private static final int MESSAGES = 400;
  private static final int WARM_UP_MESSAGES = 100;
  private static final int TRICKLE_BYTES_PER_SECOND = 2048;
  private static final int CHECK_EVERY = 50;
  private static final String PADDING = "x".repeat(3000);
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Override
  protected ServerConfig baseConfig(ServerConfig defaults) {
    return defaults.withMaxPendingBytes(64 * 1024).withRatePerSecond(UNLIMITED);
  }

  @Test
  void slowReadersAreDroppedAndTheOthersGetEverythingWhileTheirLatencyIsMeasured() {
    List<TimedMember> members = new ArrayList<>();
    for (int i = 0; i < MEMBERS; i++) {
      members.add(closeAfter(new TimedMember(server().tcpAddress(), "m" + i)));
    }
    publishTo("warmup", members, WARM_UP_MESSAGES); // the JIT's turn, not measured

    long[] calm = publishTo("calm", members, MESSAGES);
    assertThat(slowConsumersDropped()).as("nobody is too slow while everyone reads at full speed").isZero();

    List<TimedMember> normal = members.subList(0, MEMBERS - SLOW);
    List<WireClient> slow = new ArrayList<>();
    FaultProxy proxy = closeAfter(FaultProxy.start(server().tcpAddress(), 16 * 1024));
    proxy.apply(Fault.trickle(TRICKLE_BYTES_PER_SECOND));
    normal.forEach(m -> m.join("busy"));
    for (int i = 0; i < SLOW; i++) {
      WireClient reader = closeAfter(WireClient.guest(proxy.address(), "slow" + i));
      join(reader, "busy");
      slow.add(reader);
    }
    // Published until the slow readers are gone (the sockets on the way hold a lot first).
    long[] busy = publish("busy", normal, MESSAGES, () -> slowConsumersDropped() == SLOW);

    assertThat(slowConsumersDropped()).as("every trickling reader dropped as a slow consumer").isEqualTo(SLOW);
    proxy.apply(Fault.none()); // let what the proxy and the sockets hold through, then the close
    for (WireClient reader : slow) {
      List<JsonNode> msgs = reader.awaitClosed(WAIT).stream()
          .filter(f -> f.path("type").asText().equals("msg"))
          .toList();
      assertThat(ids(msgs)).as("a gapless start of the room").containsExactlyElementsOf(range(1, msgs.size()));
      assertThat(msgs.size()).isLessThan(busy.length / normal.size());
    }

    System.out.printf(
        "p99 without slow readers: %.1f ms, with 10%% slow readers: %.1f ms "
            + "(p50 %.1f ms and %.1f ms; %d members, %d-byte messages at %d/s, %d and %d deliveries measured)%n",
        millis(percentile(calm, 99)), millis(percentile(busy, 99)),
        millis(percentile(calm, 50)), millis(percentile(busy, 50)),
        MEMBERS, PADDING.length(), PER_SECOND, calm.length, busy.length);
  }

  /** Everyone joins {@code room}; then {@link #publish}. */
  private long[] publishTo(String room, List<TimedMember> members, int messages) {
    members.forEach(m -> m.join(room));
    return publish(room, members, messages, () -> true);
  }

  /**
   * The first {@value #PUBLISHERS} members send in turn at {@value #PER_SECOND} a second: at
   * least {@code messages}, and on until {@code enough} (asked every {@value #CHECK_EVERY}),
   * bounded in count and time. Once every member has every message, with no gap, returns the
   * latencies all of them measured.
   */
  private long[] publish(String room, List<TimedMember> members, int messages, BooleanSupplier enough) {
    int acksBefore = members.stream().mapToInt(TimedMember::acks).sum();
    long period = TimeUnit.SECONDS.toNanos(1) / PER_SECOND;
    long start = System.nanoTime();
    long deadline = start + WAIT.toNanos();
    int sent = 0;
    while (sent < 10 * messages && System.nanoTime() < deadline) {
      if (sent >= messages && sent % CHECK_EVERY == 0 && enough.getAsBoolean()) {
        break;
      }
      LockSupport.parkNanos(start + sent * period - System.nanoTime());
      members.get(sent % PUBLISHERS).sendStamped(room, PADDING, ref());
      sent++;
    }
    int total = sent;
    await().atMost(WAIT).until(() -> members.stream().allMatch(m -> m.tally(room).lastId() >= total));
    for (TimedMember m : members) {
      assertThat(m.tally(room).lastId()).isEqualTo(total);
      assertThat(m.tally(room).sawGap()).as("ids one by one").isFalse();
    }
    await().atMost(WAIT).until(() -> members.stream().mapToInt(TimedMember::acks).sum() - acksBefore == total);
    return members.stream().flatMapToLong(m -> Arrays.stream(m.tally(room).latencies())).toArray();
  }

  private int slowConsumersDropped() {
    return (int) MetricsPage.value(server(), "parley_byes_total{reason=\"slow_consumer\"}");
  }

  /** The nearest-rank percentile. */
  private static long percentile(long[] values, int p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }
}
