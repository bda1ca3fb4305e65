package dev.parley.server.metrics;

import dev.parley.protocol.ByeReason;
import dev.parley.protocol.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Micrometer meters for {@link ServerMetrics}, scraped as Prometheus text. Rates (messages in
 * and out per second) are Prometheus's {@code rate()} over the counters. The process's heap,
 * threads and open file descriptors are there too, for spotting leaks (the soak reads them).
 */
public final class PrometheusMetrics implements ServerMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();
  private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
  private final Map<ByeReason, Counter> byes = new EnumMap<>(ByeReason.class);
  private final Map<String, Counter> violations = new ConcurrentHashMap<>();
  private final Map<String, Counter> scriptRequests = new ConcurrentHashMap<>();
  private final Counter stored;
  private final Counter delivered;
  private final Timer commits;
  private final DistributionSummary batchSizes;

  public PrometheusMetrics() {
    stored = Counter.builder("parley.messages.in").description("messages stored").register(registry);
    delivered =
        Counter.builder("parley.messages.out").description("msg frames sent to connections").register(registry);
    commits =
        Timer.builder("parley.store.commit")
            .description("group commit latency")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    batchSizes =
        DistributionSummary.builder("parley.store.commit.messages")
            .description("messages per group commit")
            .register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    for (ErrorCode code : ErrorCode.values()) {
      errors.put(
          code,
          Counter.builder("parley.errors").tag("code", code.wireName()).description("error frames sent").register(registry));
    }
    for (ByeReason reason : ByeReason.values()) {
      byes.put(
          reason,
          Counter.builder("parley.byes")
              .tag("reason", reason.wireName())
              .description("connections the server closed, by the reason in its bye")
              .register(registry));
    }
  }

  /** Reports a value the server owns, such as the number of live rooms. */
  public void gauge(String name, String description, IntSupplier value) {
    Gauge.builder(name, value, v -> v.getAsInt()).description(description).strongReference(true).register(registry);
  }

  /** What the function counters read: Micrometer holds them weakly, so this holds them. */
  private final java.util.List<LongSupplier> counted = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Reports a count kept elsewhere that only grows (Prometheus adds {@code _total}). */
  public void counter(String name, String description, LongSupplier value) {
    counted.add(value);
    io.micrometer.core.instrument.FunctionCounter.builder(name, value, v -> v.getAsLong())
        .description(description)
        .register(registry);
  }

  /** Reports a time in seconds kept elsewhere in milliseconds. */
  public void secondsGauge(String name, String description, LongSupplier millis) {
    Gauge.builder(name, millis, v -> v.getAsLong() / 1000.0)
        .description(description)
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
  }

  /** Reports a number of bytes the server holds, such as the output it has not sent yet. */
  public void bytesGauge(String name, String description, LongSupplier value) {
    Gauge.builder(name, value, v -> v.getAsLong())
        .description(description)
        .baseUnit("bytes")
        .strongReference(true)
        .register(registry);
  }

  @Override
  public void connectionOpened(String transport) {
    connectionsOf(transport).incrementAndGet();
  }

  @Override
  public void connectionClosed(String transport) {
    connectionsOf(transport).decrementAndGet();
  }

  private AtomicInteger connectionsOf(String transport) {
    return connections.computeIfAbsent(transport, t -> {
      AtomicInteger count = new AtomicInteger();
      Gauge.builder("parley.connections", count, AtomicInteger::get)
          .tag("transport", t)
          .description("open connections")
          .register(registry);
      return count;
    });
  }

  @Override
  public void messageStored() {
    stored.increment();
  }

  @Override
  public void messagesDelivered(int recipients) {
    delivered.increment(recipients);
  }

  @Override
  public void commitTook(long nanos, int messages) {
    commits.record(nanos, TimeUnit.NANOSECONDS);
    batchSizes.record(messages);
  }

  @Override
  public void errorSent(ErrorCode code) {
    errors.get(code).increment();
  }

  @Override
  public void byeSent(ByeReason reason) {
    byes.get(reason).increment();
  }

  @Override
  public void protocolViolation(String transport, String kind) {
    violations
        .computeIfAbsent(transport + " " + kind, k -> Counter.builder("parley.protocol.violations")
            .tag("transport", transport)
            .tag("kind", kind)
            .description("connections closed for breaking their transport's protocol")
            .register(registry))
        .increment();
  }

  @Override
  public void scriptRequest(String transport, ErrorCode code) {
    String outcome = code == null ? "ok" : code.wireName();
    scriptRequests
        .computeIfAbsent(transport + " " + outcome, k -> Counter.builder("parley.script.requests")
            .tag("transport", transport)
            .tag("outcome", outcome)
            .description("requests with a token and no connection (HTTP API, UDP), by outcome")
            .register(registry))
        .increment();
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }
}
