package dev.parley.server.cluster;

/**
 * Guests' names across the nodes of a cluster: a second guest of a name gets {@code name_taken}
 * whichever node the first is on. A node on its own needs nothing beyond its session registry.
 */
public interface GuestNames {

  /**
   * Claims a guest's name (a case-folded key) for this node; {@code false} when a guest on
   * another node has it. May block briefly: call it on a pool, never an event loop.
   */
  boolean claim(String key);

  /** The guest has gone: the name is free again. Never blocks. */
  void release(String key);

  /** A node on its own: its session registry is the whole story. */
  GuestNames SINGLE_NODE = new GuestNames() {
    @Override
    public boolean claim(String key) {
      return true;
    }

    @Override
    public void release(String key) {}
  };
}
