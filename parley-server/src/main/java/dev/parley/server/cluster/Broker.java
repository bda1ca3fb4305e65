package dev.parley.server.cluster;

/**
 * The link between the nodes of a cluster. Publishing is best effort and never blocks: an event
 * published while the link is down is lost, and whoever relies on it repairs the loss (the
 * store holds every message; a node's state is sent again).
 */
public interface Broker extends AutoCloseable {

  /** Receives other nodes' events, on the broker's own thread. */
  interface Listener {
    void received(ClusterEvent event);

    /** The link was down and is back: events may have been lost meanwhile. */
    void linkRestored();
  }

  /** This node's name, unique in the cluster. */
  String node();

  /** Whether there are other nodes at all (a single node's broker carries nothing). */
  boolean clustered();

  /** Starts delivering the other nodes' events to {@code listener}. */
  void start(Listener listener);

  /** Sends an event to every other node, at most once. */
  void publish(ClusterEvent event);

  /** {@code null} while the link works, else what is wrong (for {@code /healthz}). */
  String problem();

  /** Events published so far. */
  default long published() {
    return 0;
  }

  /** Events that could not be published (the link was down). */
  default long publishFailures() {
    return 0;
  }

  /** Other nodes' events received so far. */
  default long received() {
    return 0;
  }

  @Override
  void close();
}
