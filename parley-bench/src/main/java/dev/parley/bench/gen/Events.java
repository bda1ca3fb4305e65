package dev.parley.bench.gen;

/** What generated connections report, from the generator's event loop. */
public interface Events {

  /** A message stamped at {@code sentNanos} during {@code step} reached a member. */
  void delivered(int step, long sentNanos);

  /** The server durably acknowledged a send made at {@code sentNanos} (Parley only). */
  default void acked(long sentNanos) {}

  /** The server refused a frame ({@code code}) or closed the connection ({@code bye}). */
  void trouble(String what);
}
