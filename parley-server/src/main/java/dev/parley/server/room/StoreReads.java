package dev.parley.server.room;

import dev.parley.protocol.ErrorCode;
import dev.parley.server.store.MessageStore;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read pool: a few named threads with a bounded queue that run blocking store reads
 * (replays, history, room lists, room loads) off the lanes and event loops. A full queue or a
 * failed read is answered to the member who asked, never dropped silently.
 */
public final class StoreReads implements AutoCloseable {
  static final int MAX_LISTED_ROOMS = 1000;
  private static final Logger log = LoggerFactory.getLogger(StoreReads.class);

  private final MessageStore store;
  private final ThreadPoolExecutor pool;

  public StoreReads(MessageStore store, int threads, int maxQueued) {
    this.store = store;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(maxQueued),
            r -> new Thread(r, "parley-store-read-" + n.getAndIncrement()));
  }

  /** Runs a read for {@code m}; answers {@code internal} if it fails. */
  void run(Member m, String ref, Consumer<MessageStore> work) {
    run(m, ref, work, () -> {});
  }

  /** As {@link #run(Member, String, Consumer)}, also running {@code failed} on failure. */
  void run(Member m, String ref, Consumer<MessageStore> work, Runnable failed) {
    try {
      pool.execute(() -> {
        try {
          work.accept(store);
        } catch (RuntimeException e) {
          log.error("store read failed", e);
          m.reject(ErrorCode.INTERNAL, "the store could not be read, try again", ref);
          failed.run();
        }
      });
    } catch (RejectedExecutionException e) {
      m.reject(ErrorCode.RATE_LIMITED, "the server is busy, try again shortly", ref);
      failed.run();
    }
  }

  /** Reads a value and hands it to {@code then}, or runs {@code failed}. */
  <T> void load(Function<MessageStore, T> read, Consumer<T> then, Runnable failed) {
    try {
      pool.execute(() -> {
        T value;
        try {
          value = read.apply(store);
        } catch (RuntimeException e) {
          log.error("store read failed", e);
          failed.run();
          return;
        }
        then.accept(value);
      });
    } catch (RejectedExecutionException e) {
      failed.run();
    }
  }

  @Override
  public void close() {
    pool.shutdown();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
