package dev.parley.client.bot;

import dev.parley.protocol.ServerFrame;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Dispatches {@code PREFIX name args} to the command of that name (names without regard to
 * case); anything else, an unknown name included, goes to the bot's message handler.
 */
final class Commands {
  private final String prefix;
  private final Map<String, CommandHandler> byName;
  private final MessageHandler otherwise;

  Commands(String prefix, Map<String, CommandHandler> byName, MessageHandler otherwise) {
    this.prefix = prefix;
    this.byName = Map.copyOf(byName);
    this.otherwise = otherwise;
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  Optional<String> reply(ServerFrame.Msg message) {
    String text = message.text();
    if (!byName.isEmpty() && text.startsWith(prefix)) {
      String rest = text.substring(prefix.length());
      int space = firstSpace(rest);
      String name = space < 0 ? rest : rest.substring(0, space);
      CommandHandler command = byName.get(key(name));
      if (command != null) {
        return command.run(message, space < 0 ? "" : rest.substring(space).strip());
      }
    }
    return otherwise.reply(message);
  }

  private static int firstSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
