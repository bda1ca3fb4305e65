package dev.parley.client;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ServerFrame;
import java.util.concurrent.CompletableFuture;

/**
 * A {@code send} or {@code dm} without its {@code ack} yet. Its frame keeps the ref it was
 * first given, so a resend after a reconnect or a restart of the server stores nothing twice.
 */
final class PendingSend {
  final ClientFrame frame;
  /** The room a {@code send} goes to; {@code null} for a {@code dm}, which needs no join. */
  final String room;
  final CompletableFuture<ServerFrame.Ack> acked;
  /** Whether it went out on the current connection; owned by the client's loop. */
  boolean onLink;

  PendingSend(ClientFrame frame, String room, CompletableFuture<ServerFrame.Ack> acked) {
    this.frame = frame;
    this.room = room;
    this.acked = acked;
  }

  String ref() {
    return frame.ref();
  }
}
