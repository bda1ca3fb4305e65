package dev.parley.server;

import dev.parley.server.store.GroupCommitter;
import dev.parley.server.transport.http.HealthCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What {@code /healthz} says: whether this node can do its job, part by part. The store part
 * has the store's own writer write and commit a marker, so it fails when writes fail (a full
 * disk, a lost database, a writer stuck behind a lock), not only when reads do. Checks are
 * shared: a request while one runs, or within a second of the last, gets that one's answer, so
 * an unauthenticated flood of {@code /healthz} costs the store at most one write a second.
 */
final class NodeHealth implements HealthCheck {
  /** A part of the node: completes with {@code null} when fine, else what is wrong. */
  interface Part {
    CompletableFuture<String> check();
  }

  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);
  private static final long REUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Map<String, Part> parts = new LinkedHashMap<>();
  private CompletableFuture<Report> current;
  private long currentStarted;

  NodeHealth add(String name, Part part) {
    parts.put(name, part);
    return this;
  }

  /** The store part: the writer stores a marker in its turn. */
  static Part storeWrites(GroupCommitter committer) {
    return () -> {
      CompletableFuture<String> answer = new CompletableFuture<>();
      boolean queued = committer.submitChange(store -> store.checkWritable(), failure ->
          answer.complete(failure == null ? null : "cannot write: " + failure.getMessage()));
      if (!queued) {
        answer.complete("cannot write: the writer's queue is full");
      }
      return answer;
    };
  }

  @Override
  public void check(Consumer<Report> answer) {
    shared().thenAccept(answer);
  }

  private synchronized CompletableFuture<Report> shared() {
    long now = System.nanoTime();
    if (current == null || (current.isDone() && now - currentStarted > REUSE_NANOS)) {
      currentStarted = now;
      current = run();
    }
    return current;
  }

  private CompletableFuture<Report> run() {
    List<String> names = new ArrayList<>(parts.keySet());
    List<CompletableFuture<String>> checks = new ArrayList<>();
    for (Part part : parts.values()) {
      checks.add(part.check()
          .completeOnTimeout("no answer within " + ANSWER_WITHIN.toSeconds() + " s", ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS)
          .exceptionally(e -> "check failed: " + e.getMessage()));
    }
    return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).thenApply(done -> {
      StringBuilder text = new StringBuilder();
      boolean ok = true;
      for (int i = 0; i < names.size(); i++) {
        String problem = checks.get(i).join();
        ok &= problem == null;
        text.append(names.get(i)).append(": ").append(problem == null ? "ok" : problem).append('\n');
      }
      return new Report(ok, (ok ? "ok\n" : "unavailable\n") + text);
    });
  }
}
