package dev.parley.client;

import dev.parley.client.transport.LoopGroup;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads clients run on: I/O event loops, and a pool for the application's callbacks. A
 * client made without one creates its own (one of each) and stops it when closed; many clients
 * in one program (a load generator) share one, which the program closes after them.
 */
public final class ClientLoops implements AutoCloseable {
  private final LoopGroup io;
  private final ExecutorService callbacks;

  private ClientLoops(int ioThreads, int callbackThreads) {
    this.io = new LoopGroup(ioThreads);
    this.callbacks = Executors.newFixedThreadPool(callbackThreads, named("parley-client-callbacks"));
  }

  public static ClientLoops create(int ioThreads, int callbackThreads) {
    return new ClientLoops(ioThreads, callbackThreads);
  }

  ScheduledExecutorService nextLoop() {
    return io.next();
  }

  ExecutorService callbackPool() {
    return callbacks;
  }

  /** Stops the threads; callbacks already queued still run. */
  @Override
  public void close() {
    callbacks.shutdown();
    io.close();
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
