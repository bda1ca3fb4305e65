package dev.parley.client;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ServerFrame;
import java.util.concurrent.CompletableFuture;

/** What a ref the client sent (other than a send's) is waiting for. */
sealed interface Request {

  /** The {@code hello} or {@code register} of the current connection. */
  record Login() implements Request {}

  /** A {@code join}, the application's or a rejoin; its waiters are in the room's state. */
  record Joining(String room) implements Request {}

  record Leaving(String room, CompletableFuture<Void> left) implements Request {}

  /** A history page the client asked for itself, to fill a gap. */
  record Filling(String room) implements Request {}

  /**
   * The history page above a private conversation's read marker that a first login asks for,
   * to count what is unread there (the conversation is delivered from its newest message on).
   */
  record Counting(String room, ClientFrame.History frame) implements Request {}

  /** A question ({@code history}, {@code rooms}, {@code who}), asked again after a reconnect. */
  record Query(ClientFrame frame, CompletableFuture<ServerFrame> answer) implements Request {}
}
