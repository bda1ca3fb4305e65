package dev.parley.app.bot;

import dev.parley.app.ErrorLine;
import dev.parley.app.QuietLogs;
import dev.parley.app.chat.ServerList;
import dev.parley.app.serve.CleanShutdown;
import dev.parley.client.ClientListener;
import dev.parley.client.ClientOptions;
import dev.parley.client.ConnectionState;
import dev.parley.client.Credentials;
import dev.parley.client.Endpoint;
import dev.parley.client.ParleyException;
import dev.parley.client.bot.Bot;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Names;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code parley bot}: the seed's auto-reply bot ({@link SeedReplies}) in the given rooms, until
 * SIGTERM or Ctrl-C. One line on standard output once it is in its rooms, then one per reply.
 */
@Command(
    name = "bot",
    mixinStandardHelpOptions = true,
    versionProvider = dev.parley.app.VersionProvider.class,
    description = "Run the auto-reply bot: \"1\" gets 你猜!, \"2\" 谢谢!, \"3\" 对不起!, \"4\" 好的!;"
        + " anything else is sent back or answered 不知道你在说什么!, with equal chance.",
    sortOptions = false,
    showDefaultValues = true)
public final class BotCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--server", paramLabel = "HOST:PORT[,HOST:PORT...]",
      description = "Server to talk to; ws://HOST:PORT/ws (or wss://) for WebSocket; several separated by commas.")
  String server = "localhost:" + Endpoint.DEFAULT_TCP_PORT;

  @Option(names = "--user", paramLabel = "NAME", required = true,
      description = "Name to log in as (a guest unless a password is given).")
  String user;

  @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
  boolean passwordStdin;

  @Option(names = "--register", description = "Create the account as a bot's first, unless it exists"
      + " (needs --password-stdin and a password of 8 characters or more).")
  boolean register;

  @Option(names = "--room", paramLabel = "ROOM", required = true, showDefaultValue = Help.Visibility.NEVER,
      description = "Room to answer in (repeatable).")
  List<String> rooms = new ArrayList<>();

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the coin (echo or not), for tests; random by default.")
  Long seed;

  @Option(names = "--state", paramLabel = "FILE", showDefaultValue = Help.Visibility.NEVER,
      description = "Where the bot notes how far it got in each room (default"
          + " ~/.config/parley/bots/USER@SERVER.json).")
  Path state;

  @Option(names = "--tls", description = "Speak TLS to a TCP server, checking its certificate.")
  boolean tls;

  @Option(names = "--trust-cert", paramLabel = "PEM", description = "Trust this certificate (for a self-signed server).")
  Path trustCert;

  @Override
  public Integer call() throws InterruptedException {
    checkNames();
    List<Endpoint> servers = servers();
    QuietLogs.install(false);
    PrintStream err = System.err;
    long coinSeed = seed != null ? seed : new SecureRandom().nextLong();
    Path stateFile = state != null ? state : StateFiles.defaultFor(user, server);
    try {
      String password = passwordStdin ? firstLine() : null;
      Bot bot = start(servers, credentials(password), coinSeed, stateFile);
      if (register && bot == null) {
        bot = start(servers, Credentials.password(user, password), coinSeed, stateFile); // it existed
      }
      if (bot == null) {
        throw new IllegalArgumentException("that name is registered already");
      }
      if (password == null) {
        err.println("parley bot: note: a guest cannot be marked a bot; other bots may answer it (see docs/bots.md)");
      }
      System.out.println("parley bot " + bot.client().user() + " answering in " + String.join(", ", rooms)
          + " (seed " + coinSeed + ", state " + stateFile + ")");
      System.out.flush();
      CleanShutdown.install(bot);
      new CountDownLatch(1).await(); // until SIGTERM or Ctrl-C, whose hook closes the bot and exits
      return 0;
    } catch (IllegalArgumentException e) {
      err.println(ErrorLine.of(e.getMessage()));
      return 1;
    }
  }

  /** The bot in its rooms; {@code null} when registering found the name taken. */
  private Bot start(List<Endpoint> servers, Credentials credentials, long coinSeed, Path stateFile) {
    ClientOptions options = ClientOptions.of(servers, credentials).withTrustedCertificate(trustCert);
    Bot bot = Bot.builder(options)
        .rooms(rooms.toArray(String[]::new))
        .state(stateFile)
        .onMessage(new SeedReplies(coinSeed))
        .listener(new ReplyLog(System.out, System.err))
        .build();
    bot.client().addListener(new ClientListener() {
      @Override
      public void stateChanged(ConnectionState connection, String detail) {
        System.err.println("parley bot: " + connection.name().toLowerCase() + ": " + detail);
      }
    });
    try {
      bot.start().join();
      return bot;
    } catch (CompletionException e) {
      bot.close();
      if (e.getCause() instanceof ParleyException p && p.code() == ErrorCode.USER_EXISTS
          && credentials instanceof Credentials.Register) {
        return null;
      }
      throw new IllegalArgumentException(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
    }
  }

  private Credentials credentials(String password) {
    if (password == null) {
      return Credentials.guest(user);
    }
    return register ? Credentials.registerBot(user, password) : Credentials.password(user, password);
  }

  private static String firstLine() {
    try {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) {
        throw new IllegalArgumentException("--password-stdin: standard input is empty");
      }
      return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    } catch (IOException e) {
      throw new IllegalArgumentException("--password-stdin: " + e.getMessage());
    }
  }

  private List<Endpoint> servers() {
    try {
      return ServerList.parse(server, tls);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--server: " + e.getMessage());
    }
  }

  private void checkNames() {
    if (!Names.isValidUser(user)) {
      throw new ParameterException(spec.commandLine(),
          "--user: '" + user + "' is not a user name (1-32 of A-Z a-z 0-9 _ - .)");
    }
    for (String room : rooms) {
      if (!Names.isValidRoom(room) || Names.isDirect(Names.room(room))) {
        throw new ParameterException(spec.commandLine(),
            "--room: '" + room + "' is not a room name (1-64 of A-Z a-z 0-9 _ - .)");
      }
    }
    if (register && !passwordStdin) {
      throw new ParameterException(spec.commandLine(), "--register needs --password-stdin");
    }
  }
}
