package dev.parley.client.bot;

import dev.parley.protocol.ServerFrame;
import java.util.Optional;

/**
 * A bot's command: {@code !name args}. {@code args} is what follows the name, trimmed ({@code
 * ""} when nothing does). Called like a {@link MessageHandler}.
 */
@FunctionalInterface
public interface CommandHandler {
  Optional<String> run(ServerFrame.Msg message, String args);
}
