package dev.parley.server.cluster;

/** The broker of a node on its own: nobody to tell, nothing to hear. */
public final class SingleNode implements Broker {
  private final String node;

  public SingleNode(String node) {
    this.node = node;
  }

  @Override
  public String node() {
    return node;
  }

  @Override
  public boolean clustered() {
    return false;
  }

  @Override
  public void start(Listener listener) {}

  @Override
  public void publish(ClusterEvent event) {}

  @Override
  public String problem() {
    return null;
  }

  @Override
  public void close() {}
}
