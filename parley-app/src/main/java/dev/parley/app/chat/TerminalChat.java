package dev.parley.app.chat;

import dev.parley.client.ParleyClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.Widget;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive client: a JLine terminal and line reader, the {@link ChatScreen} that prints
 * above the prompt, and the loop reading what the user types into {@link SlashCommands}.
 * Ctrl-D and Ctrl-C quit like {@code /quit}.
 */
final class TerminalChat implements AutoCloseable {
  private static final long QUIT_WAIT_SECONDS = 5;

  private final Terminal terminal;
  private final LineReader reader;

  private TerminalChat(Terminal terminal) {
    this.terminal = terminal;
    this.reader = LineReaderBuilder.builder().terminal(terminal).appName("parley").build();
    // The line typed goes away on Enter: the message comes back from the server and is shown
    // then, once, with its time and sender.
    reader.setOpt(LineReader.Option.ERASE_LINE_ON_FINISH);
  }

  static TerminalChat open() {
    try {
      return new TerminalChat(TerminalBuilder.builder().system(true).build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asks for {@code user}'s password without echoing it; empty means "as a guest". */
  String askPassword(String user) {
    try {
      return reader.readLine("Password for " + user + " (Enter for a guest): ", org.jline.reader.impl.LineReaderImpl.NULL_MASK);
    } catch (UserInterruptException | EndOfFileException e) {
      throw new ChatFailure("no password given");
    }
  }

  int run(ParleyClient client, String endpoint, List<String> rooms) {
    ChatScreen screen = new ChatScreen(reader);
    SlashCommands commands = new SlashCommands(client, screen);
    client.addListener(screen);
    tellTyping(commands);
    screen.info("connecting to " + endpoint + " (Ctrl-C gives up)");
    try {
      screen.me(client.connect().get().user());
    } catch (ExecutionException e) {
      screen.error(Reasons.of(e));
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    // Raw between lines too: what is typed while a line is being handled is not echoed by the
    // terminal itself (under the messages printed meanwhile) but shown by the next readLine.
    terminal.enterRawMode();
    rooms.forEach(commands::join);
    screen.info("type /help for the commands");
    while (true) {
      String line;
      try {
        line = reader.readLine(screen.prompt());
      } catch (UserInterruptException | EndOfFileException e) {
        break;
      }
      if (!commands.handle(line)) {
        break;
      }
    }
    awaitPending(commands.pending());
    return 0;
  }

  /** Every character typed into the line also tells the room the user is typing. */
  private void tellTyping(SlashCommands commands) {
    Widget insert = reader.getWidgets().get(LineReader.SELF_INSERT);
    reader.getWidgets().put(LineReader.SELF_INSERT, () -> {
      boolean inserted = insert.apply();
      commands.typed(reader.getBuffer().toString());
      return inserted;
    });
  }

  /** Gives sends still on their way a few seconds to be acknowledged before quitting. */
  private static void awaitPending(List<CompletableFuture<?>> pending) {
    try {
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(QUIT_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // reported above the prompt already, or given up on
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    try {
      terminal.close();
    } catch (IOException e) {
      // the terminal is going away anyway
    }
  }
}
