package dev.parley.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import dev.parley.server.metrics.ServerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's one writer. Group commit: the writer thread takes every append waiting in its
 * queue (up to a batch limit) and stores them in one transaction, so the cost of making a
 * transaction durable is shared by everyone who sent in the meantime. Other changes (a room's
 * owners and bans) queue in the same line and are written in their place, each in its own
 * transaction. Outcomes are reported in submission order, on the writer thread, only after the
 * commit. The queue is bounded: {@link #submit} refuses rather than blocks when it is full.
 */
public final class GroupCommitter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

  /** Receives the outcome of one append; exactly one of the two arguments is non-null. */
  public interface Callback {
    void done(Appended appended, StoreException failure);
  }

  /** Receives the outcome of a change: {@code null} once stored, else why it was not. */
  public interface ChangeCallback {
    void done(StoreException failure);
  }

  /** An append ({@code message} and {@code callback}) or a change ({@code change} and {@code changed}). */
  private record Pending(
      NewMessage message, Callback callback, Consumer<MessageStore> change, ChangeCallback changed) {}

  private static final Pending STOP = new Pending(null, null, null, null);

  private final MessageStore store;
  private final ServerMetrics metrics;
  private final int maxBatch;
  private final BlockingQueue<Pending> queue;
  private final Thread writer;
  /** Runs on the writer thread once each batch's outcomes have all been reported. */
  private volatile Runnable afterEachBatch = () -> {};
  /** Batches failed in a row; touched only by the writer thread. */
  private long failedInARow;

  public GroupCommitter(MessageStore store, int maxBatch, int queueCapacity, ServerMetrics metrics) {
    this.store = store;
    this.metrics = metrics;
    this.maxBatch = maxBatch;
    this.queue = new LinkedBlockingQueue<>(queueCapacity);
    this.writer = new Thread(this::run, "parley-store-writer");
    writer.start();
  }

  /**
   * Sets what runs on the writer thread after each batch's callbacks: a caller whose callbacks
   * only collect work can hand it on once per batch rather than once per message.
   */
  public void afterEachBatch(Runnable action) {
    this.afterEachBatch = action;
  }

  /** Queues an append; {@code false} when the queue is full (the caller answers the sender). */
  public boolean submit(NewMessage message, Callback callback) {
    return queue.offer(new Pending(message, callback, null, null));
  }

  /**
   * Queues a change other than an append, written on the writer thread after everything queued
   * before it; {@code false} when the queue is full.
   */
  public boolean submitChange(Consumer<MessageStore> change, ChangeCallback callback) {
    return queue.offer(new Pending(null, null, change, callback));
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, maxBatch - 1);
      boolean stop = batch.remove(STOP);
      if (!batch.isEmpty()) {
        write(batch);
        try {
          afterEachBatch.run();
        } catch (RuntimeException e) {
          log.error("handing on a batch's outcomes failed", e);
        }
      }
      batch.clear();
      if (stop) {
        return;
      }
    }
  }

  /** Appends in one transaction per run of appends; each change in its place between them. */
  private void write(List<Pending> batch) {
    int from = 0;
    for (int i = 0; i < batch.size(); i++) {
      Pending p = batch.get(i);
      if (p.change() != null) {
        if (i > from) {
          commit(batch.subList(from, i));
        }
        change(p);
        from = i + 1;
      }
    }
    if (from < batch.size()) {
      commit(batch.subList(from, batch.size()));
    }
  }

  private void change(Pending p) {
    StoreException failure = null;
    try {
      p.change().accept(store);
    } catch (RuntimeException e) {
      failure = e instanceof StoreException se ? se : new StoreException("change failed", e);
      log.error("storing a room's owners or bans failed: {}", failure.getMessage());
    }
    try {
      p.changed().done(failure);
    } catch (RuntimeException e) {
      log.error("change callback failed", e);
    }
  }

  private void commit(List<Pending> batch) {
    List<NewMessage> messages = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      messages.add(p.message());
    }
    List<Appended> outcomes;
    long start = System.nanoTime();
    try {
      outcomes = store.appendAll(messages);
      metrics.commitTook(System.nanoTime() - start, messages.size());
    } catch (RuntimeException e) {
      StoreException failure =
          e instanceof StoreException se ? se : new StoreException("append failed", e);
      logFailure(batch.size(), failure);
      for (Pending p : batch) {
        notify(p, null, failure);
      }
      return;
    }
    if (failedInARow > 0) {
      log.info("the store takes writes again, after {} failed batches", failedInARow);
      failedInARow = 0;
    }
    for (int i = 0; i < batch.size(); i++) {
      notify(batch.get(i), outcomes.get(i), null);
    }
  }

  /**
   * The first failure of a run with its stack trace, the rest in one line each: a full disk
   * fails every batch, and its log should not be what fills the next disk.
   */
  private void logFailure(int messages, StoreException failure) {
    if (failedInARow++ == 0) {
      log.error("storing {} messages failed: {}", messages, failure.getMessage(), failure);
    } else {
      log.error("storing {} messages failed ({} batches in a row): {}", messages, failedInARow, failure.getMessage());
    }
  }

  private static void notify(Pending p, Appended appended, StoreException failure) {
    try {
      p.callback().done(appended, failure);
    } catch (RuntimeException e) {
      log.error("append callback failed", e);
    }
  }

  /** Stores everything already queued, then stops the writer. */
  @Override
  public void close() {
    try {
      queue.put(STOP);
      writer.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
