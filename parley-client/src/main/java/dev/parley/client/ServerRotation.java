package dev.parley.client;

import java.util.List;

/**
 * Which of the client's servers to dial: the first at start; after each failure (refused, lost,
 * gone silent, said {@code bye}) the next, wrapping around. A round ends when every server has
 * failed in a row since the last login; only then does the client wait out its backoff, so a
 * dead node costs its clients one immediate redial elsewhere. Owned by the client's loop.
 */
final class ServerRotation {
  private final List<Endpoint> servers;
  private int current;
  /** Failures since the last login (or the start), counted against the size of a round. */
  private int failuresInRound;

  ServerRotation(List<Endpoint> servers) {
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("at least one server is needed");
    }
    this.servers = List.copyOf(servers);
  }

  Endpoint current() {
    return servers.get(current);
  }

  int index() {
    return current;
  }

  /** The current server failed: move to the next; true when that ended a round (back off). */
  boolean failed() {
    current = (current + 1) % servers.size();
    failuresInRound++;
    if (failuresInRound >= servers.size()) {
      failuresInRound = 0;
      return true;
    }
    return false;
  }

  /** Logged in on the current server: a later failure starts a new round from it. */
  void loggedIn() {
    failuresInRound = 0;
  }
}
