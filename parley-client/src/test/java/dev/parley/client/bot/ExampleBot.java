package dev.parley.client.bot;

import dev.parley.client.ClientOptions;
import dev.parley.client.Credentials;
import dev.parley.client.Endpoint;
import java.nio.file.Path;
import java.util.Optional;

/** The ten-line bot of docs/bots.md, compiled and run by BotIT so the page stays true. */
public final class ExampleBot {
  private ExampleBot() {}

  public static Bot start(Endpoint server, String password, Path state) {
    // --- docs/bots.md: from here ---
    ClientOptions options = ClientOptions.of(server, Credentials.password("echo", password));
    Bot bot = Bot.builder(options)
        .rooms("lobby")
        .state(state)                                             // how far it got, per room
        .command("ping", (message, args) -> Optional.of("pong " + args))
        .onMessage(message -> Optional.of(message.from() + " said: " + message.text()))
        .build();
    bot.start().join();                                          // connected, in its rooms
    // --- to here ---
    return bot;
  }
}
