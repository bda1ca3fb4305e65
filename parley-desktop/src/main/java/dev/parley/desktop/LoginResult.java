package dev.parley.desktop;

import dev.parley.client.ClientListener;
import dev.parley.client.ParleyClient;
import dev.parley.protocol.ServerFrame;

/**
 * A login that worked: the connected client (it goes on reconnecting by itself), its first
 * welcome, the server address as typed, and whether it is a guest (then there is no token to
 * remember). The client's events are held until {@link #attach} names who hears them.
 */
public final class LoginResult {
  private final ParleyClient client;
  private final ListenerRelay relay;
  private final ServerFrame.Welcome welcome;
  private final String server;
  private final boolean guest;

  LoginResult(ParleyClient client, ListenerRelay relay, ServerFrame.Welcome welcome, String server, boolean guest) {
    this.client = client;
    this.relay = relay;
    this.welcome = welcome;
    this.server = server;
    this.guest = guest;
  }

  public ParleyClient client() {
    return client;
  }

  public ServerFrame.Welcome welcome() {
    return welcome;
  }

  public String server() {
    return server;
  }

  public boolean guest() {
    return guest;
  }

  /** From now on the client's messages, presence and state go to {@code listener}. */
  public void attach(ClientListener listener) {
    relay.attach(listener);
  }
}
