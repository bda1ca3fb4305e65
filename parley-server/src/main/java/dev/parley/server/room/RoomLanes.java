package dev.parley.server.room;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The room executors: a fixed number of single-threaded lanes; a room always runs on the lane
 * its name hashes to. New work from clients is admitted only while a lane's backlog is under its
 * bound; results coming back from the store are always accepted, since dropping one would lose
 * an ack.
 */
final class RoomLanes {
  private final ExecutorService[] lanes;
  private final AtomicInteger[] admitted;
  private final int maxBacklog;

  RoomLanes(int count, int maxBacklog) {
    this.maxBacklog = maxBacklog;
    this.lanes = new ExecutorService[count];
    this.admitted = new AtomicInteger[count];
    for (int i = 0; i < count; i++) {
      String name = "parley-room-" + i;
      lanes[i] =
          new ThreadPoolExecutor(
              1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> new Thread(r, name));
      admitted[i] = new AtomicInteger();
    }
  }

  /** Runs client work for {@code room}; {@code false} when its lane is overloaded. */
  boolean admit(String room, Runnable work) {
    int i = laneOf(room);
    AtomicInteger backlog = admitted[i];
    if (backlog.incrementAndGet() > maxBacklog) {
      backlog.decrementAndGet();
      return false;
    }
    try {
      lanes[i].execute(
          () -> {
            backlog.decrementAndGet();
            work.run();
          });
      return true;
    } catch (RejectedExecutionException afterShutdown) {
      backlog.decrementAndGet();
      return false;
    }
  }

  /**
   * Runs follow-up work for {@code room}, unconditionally while the server runs. After
   * shutdown there is nobody left to tell, so late work (a connection closing after the lanes
   * stopped) is dropped.
   */
  void execute(String room, Runnable work) {
    executeOn(laneOf(room), work);
  }

  private void executeOn(int lane, Runnable work) {
    try {
      lanes[lane].execute(work);
    } catch (RejectedExecutionException afterShutdown) {
      // the lanes only refuse work once they have been shut down
    }
  }

  /**
   * A collector of follow-up work for many rooms, for one thread at a time: {@link Handoff#add}
   * keeps each lane's share in order, and {@link Handoff#flush} gives each lane its share as one
   * task, so a lane is woken once per flush instead of once per piece of work.
   */
  Handoff handoff() {
    return new Handoff();
  }

  final class Handoff {
    private final List<List<Runnable>> byLane = new ArrayList<>();

    private Handoff() {
      for (int i = 0; i < lanes.length; i++) {
        byLane.add(new ArrayList<>());
      }
    }

    void add(String room, Runnable work) {
      byLane.get(laneOf(room)).add(work);
    }

    void flush() {
      for (int i = 0; i < lanes.length; i++) {
        List<Runnable> share = byLane.get(i);
        if (share.isEmpty()) {
          continue;
        }
        byLane.set(i, new ArrayList<>());
        executeOn(i, () -> share.forEach(Runnable::run));
      }
    }
  }

  private int laneOf(String room) {
    return Math.floorMod(room.hashCode(), lanes.length);
  }

  void shutdown() {
    for (ExecutorService lane : lanes) {
      lane.shutdown();
    }
    for (ExecutorService lane : lanes) {
      try {
        lane.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
