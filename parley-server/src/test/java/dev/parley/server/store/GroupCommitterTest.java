package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.server.metrics.ServerMetrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Group commit over a store double that records its batches (a unit test of one class). */
class GroupCommitterTest {

  /** Stores nothing; numbers messages and blocks the first batch until released. */
  static final class RecordingStore implements MessageStore {
    final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch release = new CountDownLatch(1);
    /** Counted down once the writer is inside its first batch (and blocked there). */
    final CountDownLatch entered = new CountDownLatch(1);
    final List<String> writes = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong ids = new AtomicLong();
    volatile boolean fail;

    @Override
    public List<Appended> appendAll(List<NewMessage> batch) {
      entered.countDown();
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      batchSizes.add(batch.size());
      batch.forEach(m -> writes.add(m.text()));
      if (fail) {
        throw new StoreException("disk full", null);
      }
      return batch.stream()
          .map(m -> new Appended(new StoredMessage(m.room(), ids.incrementAndGet(), m.from(), m.text(), 0), false))
          .toList();
    }

    public long lastId(String room) { return 0; }
    public RoomPolicy policy(String room) { return new RoomPolicy(java.util.Set.of(), java.util.Set.of()); }
    public void addOwner(String room, String userKey) {
      if (fail) {
        throw new StoreException("disk full", null);
      }
      writes.add("owner " + userKey);
    }
    public void setBanned(String room, String userKey, boolean banned) {}
    public void checkWritable() {}
    public java.util.Set<String> claimFirstOwner(String room, String userKey) { return java.util.Set.of(userKey); }
    public List<StoredMessage> range(String room, long after, long upTo, int limit) { return List.of(); }
    public HistorySlice before(String room, long after, long before, int limit) { return null; }
    public List<RoomInfo> publicRooms(int max) { return List.of(); }
    public List<RoomInfo> directRooms(String userKey) { return List.of(); }
    public java.util.Map<String, Long> directFloors(String userKey) { return java.util.Map.of(); }
    public java.util.Map<String, Long> readMarkers(String identity) { return java.util.Map.of(); }
    public boolean markRead(String identity, String room, long id) { return false; }
    public RoomTopic topic(String room) { return null; }
    public void setTopic(String room, String text, String by) {}
    public List<StoredMessage> search(String room, List<String> words, long readableAfter, int limit) { return List.of(); }
    public void close() {}
  }

  private static NewMessage msg(int i) {
    return new NewMessage("r", "a", "a", "m" + i, null);
  }

  @Test
  void appendsWaitingTogetherShareOneTransactionAndAreReportedInOrder() {
    RecordingStore store = new RecordingStore();
    List<Long> ids = Collections.synchronizedList(new ArrayList<>());
    try (GroupCommitter committer = new GroupCommitter(store, 1000, 10_000, ServerMetrics.NONE)) {
      committer.submit(msg(0), (a, f) -> ids.add(a.message().id()));
      await().until(() -> store.entered.getCount() == 0);
      for (int i = 1; i <= 50; i++) {
        committer.submit(msg(i), (a, f) -> ids.add(a.message().id()));
      }
      store.release.countDown();
      await().until(() -> ids.size() == 51);
    }
    assertThat(ids).isSorted();
    // The first batch held the writer while the other fifty queued: they went in one more.
    assertThat(store.batchSizes).containsExactly(1, 50);
  }

  @Test
  void afterEachBatchRunsOncePerTransactionAfterAllItsOutcomes() {
    RecordingStore store = new RecordingStore();
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    try (GroupCommitter committer = new GroupCommitter(store, 1000, 10_000, ServerMetrics.NONE)) {
      committer.afterEachBatch(() -> events.add("batch"));
      committer.submit(msg(0), (a, f) -> events.add("msg"));
      await().until(() -> store.entered.getCount() == 0);
      for (int i = 1; i <= 20; i++) {
        committer.submit(msg(i), (a, f) -> events.add("msg"));
      }
      store.release.countDown();
      await().until(() -> events.stream().filter("msg"::equals).count() == 21 && events.get(events.size() - 1).equals("batch"));
    }
    assertThat(store.batchSizes).containsExactly(1, 20);
    assertThat(events.stream().filter("batch"::equals).count()).isEqualTo(2);
    assertThat(events.get(0)).isEqualTo("msg");
    assertThat(events.get(1)).isEqualTo("batch");
  }

  @Test
  void aFailedTransactionFailsEveryAppendInIt() {
    RecordingStore store = new RecordingStore();
    store.fail = true;
    store.release.countDown();
    List<StoreException> failures = Collections.synchronizedList(new ArrayList<>());
    try (GroupCommitter committer = new GroupCommitter(store, 1000, 100, ServerMetrics.NONE)) {
      committer.submit(msg(1), (a, f) -> failures.add(f));
      committer.submit(msg(2), (a, f) -> failures.add(f));
      await().until(() -> failures.size() == 2);
    }
    assertThat(failures).allMatch(f -> f != null && f.getMessage().equals("disk full"));
  }

  @Test
  void aFullQueueRefusesInsteadOfBlocking() {
    RecordingStore store = new RecordingStore();
    try (GroupCommitter committer = new GroupCommitter(store, 1, 2, ServerMetrics.NONE)) {
      boolean refused = false;
      for (int i = 0; i < 10 && !refused; i++) {
        refused = !committer.submit(msg(i), (a, f) -> {});
      }
      assertThat(refused).isTrue();
      store.release.countDown();
    }
  }

  @Test
  void closeStoresWhatWasQueued() {
    RecordingStore store = new RecordingStore();
    List<Long> ids = Collections.synchronizedList(new ArrayList<>());
    GroupCommitter committer = new GroupCommitter(store, 1000, 100, ServerMetrics.NONE);
    for (int i = 0; i < 5; i++) {
      committer.submit(msg(i), (a, f) -> ids.add(a.message().id()));
    }
    store.release.countDown();
    committer.close();
    assertThat(ids).hasSize(5);
  }

  @Test
  void aPolicyChangeIsWrittenByTheWriterInItsPlaceAmongTheAppends() {
    RecordingStore store = new RecordingStore();
    List<String> done = Collections.synchronizedList(new ArrayList<>());
    try (GroupCommitter committer = new GroupCommitter(store, 1000, 100, ServerMetrics.NONE)) {
      committer.submit(msg(0), (a, f) -> done.add("m0"));
      await().until(() -> store.entered.getCount() == 0);
      committer.submit(msg(1), (a, f) -> done.add("m1"));
      committer.submitChange(s -> s.addOwner("r", "ann"), f ->
          done.add((f == null ? "owner" : "owner failed") + " on " + Thread.currentThread().getName()));
      committer.submit(msg(2), (a, f) -> done.add("m2"));
      store.release.countDown();
      await().until(() -> done.size() == 4);
    }
    assertThat(store.writes).containsExactly("m0", "m1", "owner ann", "m2");
    assertThat(done).containsExactly("m0", "m1", "owner on parley-store-writer", "m2");
  }

  @Test
  void aPolicyChangeTheStoreRefusesIsReportedAsFailed() {
    RecordingStore store = new RecordingStore();
    store.fail = true;
    store.release.countDown();
    List<StoreException> failures = Collections.synchronizedList(new ArrayList<>());
    try (GroupCommitter committer = new GroupCommitter(store, 1000, 100, ServerMetrics.NONE)) {
      committer.submitChange(s -> s.addOwner("r", "ann"), failures::add);
      await().until(() -> failures.size() == 1);
    }
    assertThat(failures.get(0)).hasMessage("disk full");
  }
}
