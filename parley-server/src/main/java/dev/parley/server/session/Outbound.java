package dev.parley.server.session;

import dev.parley.protocol.EncodedFrame;
import java.util.concurrent.Executor;

/** What a session needs from its transport. Every method is thread-safe and never blocks. */
public interface Outbound {

  /** Queues a frame; the bytes may be shared with other connections. */
  void send(EncodedFrame frame);

  /**
   * Whether the connection can take more output: its unsent output is under the limit (once over
   * it, back below half of it). Sending to a connection that cannot is allowed; it only makes it
   * a slow consumer sooner.
   */
  boolean isWritable();

  /**
   * Runs {@code then} on {@link #executor()} as soon as {@link #isWritable()}: at once if it is
   * now, never if the connection closes first.
   */
  void whenWritable(Runnable then);

  /** Sends a last frame, then closes the connection (within a short grace at most). */
  void closeAfter(EncodedFrame last);

  /**
   * Queues a last frame and closes at once, dropping whatever is unsent: for a connection that
   * cannot take more (a slow consumer).
   */
  void closeNow(EncodedFrame last);

  /** Closes the connection without a word (the client asked with {@code bye}). */
  void close();

  /** The connection's own thread: session state is only touched there. */
  Executor executor();

  /** Whether the caller is on {@link #executor()}. */
  boolean inExecutor();

  /** Where the connection comes from, for logs. */
  String remoteAddress();

  /** The remote host alone (an IP address), for limits per address. */
  String remoteHost();
}
