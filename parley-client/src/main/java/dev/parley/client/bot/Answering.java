package dev.parley.client.bot;

import dev.parley.client.ClientListener;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The bot's listener: each message of its rooms that it has not handled yet is answered (if the
 * loop guard and the handler say so) under the ref derived from the message, and its room's
 * place moves on once the reply is acknowledged. Runs on the client's callback thread.
 */
final class Answering implements ClientListener {
  /** Tries of a reply the server could not store ({@code internal}), a second apart. */
  static final int TRIES = 5;

  private final ParleyClient client;
  private final Set<String> rooms;
  private final Commands commands;
  private final RoomProgress progress;
  private final BotListener listener;

  Answering(ParleyClient client, Set<String> rooms, Commands commands, RoomProgress progress,
      BotListener listener) {
    this.client = client;
    this.rooms = rooms;
    this.commands = commands;
    this.progress = progress;
    this.listener = listener;
  }

  @Override
  public void message(ServerFrame.Msg message) {
    String room = message.room();
    if (!rooms.contains(room) || progress.handled(room, message.id())) {
      return;
    }
    Optional<String> reply = Optional.empty();
    if (LoopGuard.mayAnswer(message, client.user())) {
      try {
        reply = commands.reply(message).filter(text -> !text.isEmpty());
      } catch (RuntimeException e) {
        listener.failed(message, e); // one bad message must not stop the bot
      }
    }
    progress.arrived(room, message.id(), reply.isPresent());
    reply.ifPresent(text -> send(message, text, 1));
  }

  private void send(ServerFrame.Msg message, String text, int attempt) {
    client.send(message.room(), text, ReplyRefs.of(message)).whenComplete((ack, failure) -> {
      if (failure == null) {
        progress.finished(message.room(), message.id());
        listener.replied(message, text, ack);
        return;
      }
      ParleyException why = cause(failure);
      if (why != null && why.code() == null) {
        return; // the client is closing: the next run answers it, under the same ref
      }
      if (why != null && why.code() == ErrorCode.INTERNAL && attempt < TRIES) {
        CompletableFuture.runAsync(() -> send(message, text, attempt + 1),
            CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
        return;
      }
      listener.failed(message, failure);
      progress.finished(message.room(), message.id()); // refused for good: waiting would stall the room
    });
  }

  private static ParleyException cause(Throwable failure) {
    Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return t instanceof ParleyException p ? p : null;
  }
}
