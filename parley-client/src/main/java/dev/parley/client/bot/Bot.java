package dev.parley.client.bot;

import dev.parley.client.ClientOptions;
import dev.parley.client.ParleyClient;
import dev.parley.protocol.Names;
import dev.parley.protocol.ServerFrame;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A bot: a {@link ParleyClient} that answers the messages of its rooms. Each message gets at
 * most one reply, exactly one when the handler gives one, however often the bot or the server
 * is killed: the reply's ref is derived from the message (the server stores a ref once), and
 * the state file says, per room, how far the bot got, so a bot started again joins each room
 * from there and answers what it missed. It never answers its own user or a bot account.
 *
 * <pre>{@code
 * Bot bot = Bot.builder(ClientOptions.of(Endpoint.parse("localhost:7070"), credentials))
 *     .rooms("lobby")
 *     .state(Path.of("echo-bot.json"))
 *     .command("ping", (message, args) -> Optional.of("pong " + args))
 *     .onMessage(message -> Optional.of(message.from() + " said " + message.text()))
 *     .build();
 * bot.start().join();
 * }</pre>
 *
 * <p>The first time it is in a room (no place saved yet) it starts at the room's newest
 * message: old history is not answered. See {@code docs/bots.md}.
 */
public final class Bot implements AutoCloseable {
  private final ParleyClient client;
  private final Set<String> rooms;
  private final RoomProgress progress;

  private Bot(Builder b) {
    this.rooms = Set.copyOf(b.rooms);
    this.progress = new RoomProgress(new BotState(b.state));
    this.client = ParleyClient.create(b.options);
    Commands commands = new Commands(b.prefix, b.commands, b.handler);
    client.addListener(new Answering(client, rooms, commands, progress, b.listener));
  }

  public static Builder builder(ClientOptions options) {
    return new Builder(options);
  }

  /**
   * Connects and joins every room, each from its saved place (or its newest message the first
   * time); completes once all are joined. Like {@link ParleyClient#connect}, it keeps trying
   * while the server cannot be reached and fails only when the login is refused.
   */
  public CompletableFuture<Void> start() {
    return client.connect().thenCompose(welcome -> CompletableFuture.allOf(
        rooms.stream().sorted().map(this::joinFromSavedPlace).toArray(CompletableFuture[]::new)));
  }

  private CompletableFuture<ServerFrame.Joined> joinFromSavedPlace(String room) {
    Long place = progress.savedPlace(room);
    if (place != null) {
      return client.join(room, place);
    }
    return client.history(room, null, 1).thenCompose(page -> {
      long last = page.messages().isEmpty() ? 0 : page.messages().get(page.messages().size() - 1).id();
      progress.begin(room, last);
      return client.join(room, last);
    });
  }

  /** The client underneath: to add listeners, or to send messages of the bot's own. */
  public ParleyClient client() {
    return client;
  }

  /** Closes the client. Replies not acknowledged yet are answered again by the next run. */
  @Override
  public void close() {
    client.close();
  }

  /** Builds a {@link Bot}. */
  public static final class Builder {
    private final ClientOptions options;
    private final Set<String> rooms = new LinkedHashSet<>();
    private final Map<String, CommandHandler> commands = new LinkedHashMap<>();
    private MessageHandler handler = message -> Optional.empty();
    private String prefix = "!";
    private Path state;
    private BotListener listener = new BotListener() {};

    private Builder(ClientOptions options) {
      this.options = options;
    }

    /** Rooms to answer in (any spelling); at least one. Private conversations are not answered. */
    public Builder rooms(String... names) {
      for (String name : names) {
        String room = Names.room(name);
        if (!Names.isValidRoom(room) || Names.isDirect(room)) {
          throw new IllegalArgumentException("not a room a bot can answer in: " + name);
        }
        rooms.add(room);
      }
      return this;
    }

    /** What to say to a message that is not a command (by default nothing). */
    public Builder onMessage(MessageHandler handler) {
      this.handler = handler;
      return this;
    }

    /** A command: a message {@code !name args} (see {@link #commandPrefix}) goes to it. */
    public Builder command(String name, CommandHandler command) {
      if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("a command's name is one word: '" + name + "'");
      }
      commands.put(Commands.key(name), command);
      return this;
    }

    /** What starts a command; {@code "!"} by default. */
    public Builder commandPrefix(String prefix) {
      if (prefix.isEmpty()) {
        throw new IllegalArgumentException("the command prefix is empty");
      }
      this.prefix = prefix;
      return this;
    }

    /**
     * The state file (see {@code docs/bots.md}). Without one the bot remembers nothing between
     * runs: each run starts at the rooms' newest messages.
     */
    public Builder state(Path file) {
      this.state = file;
      return this;
    }

    /** Told of each reply and each failure, for logs. */
    public Builder listener(BotListener listener) {
      this.listener = listener;
      return this;
    }

    /**
     * The bot, not started yet.
     *
     * @throws IllegalArgumentException when no room is given or the state file cannot be read
     */
    public Bot build() {
      if (rooms.isEmpty()) {
        throw new IllegalArgumentException("a bot needs at least one room");
      }
      return new Bot(this);
    }
  }
}
