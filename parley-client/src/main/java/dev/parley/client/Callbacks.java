package dev.parley.client;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs everything the application sees (listener calls, future completions) one at a time and
 * in the order the loop handed it over, on a pool thread rather than the I/O loop. The loop
 * checks {@link #backlogged} after handing work over and stops reading while the application
 * lags; {@code drained} is run (once per backlog) when the queue has shrunk again. Thread-safe.
 */
final class Callbacks {
  private static final Logger log = LoggerFactory.getLogger(Callbacks.class);
  static final int HIGH_WATER = 10_000;
  static final int LOW_WATER = 1_000;

  private final Executor pool;
  private final Object lock = new Object();
  /** Guarded by {@link #lock}. */
  private final Queue<Runnable> queue = new ArrayDeque<>();
  /** Guarded by {@link #lock}: whether a pool thread is draining {@link #queue}. */
  private boolean draining;

  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicReference<Runnable> drained = new AtomicReference<>();

  Callbacks(Executor pool) {
    this.pool = pool;
  }

  /** Whether the application is behind; {@code onDrained} runs once it has caught up. */
  boolean backlogged(Runnable onDrained) {
    if (queued.get() < HIGH_WATER) {
      return false;
    }
    drained.set(onDrained);
    // The queue may have drained meanwhile, past the point where the hook is taken.
    return !(queued.get() <= LOW_WATER && drained.compareAndSet(onDrained, null));
  }

  <T> void complete(CompletableFuture<T> future, T value) {
    run(() -> future.complete(value));
  }

  void fail(CompletableFuture<?> future, Throwable cause) {
    run(() -> future.completeExceptionally(cause));
  }

  void run(Runnable task) {
    queued.incrementAndGet();
    synchronized (lock) {
      queue.add(task);
      if (draining) {
        return;
      }
      draining = true;
    }
    try {
      pool.execute(this::drain);
    } catch (RejectedExecutionException e) {
      synchronized (lock) {
        draining = false;
        queue.clear();
      }
    }
  }

  private void drain() {
    while (true) {
      Runnable task;
      synchronized (lock) {
        task = queue.poll();
        if (task == null) {
          draining = false;
          return;
        }
      }
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("an application callback failed", e);
      }
      if (queued.decrementAndGet() <= LOW_WATER) {
        Runnable hook = drained.getAndSet(null);
        if (hook != null) {
          hook.run();
        }
      }
    }
  }
}
