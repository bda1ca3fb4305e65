package dev.parley.app.chat;

import dev.parley.app.ErrorLine;
import dev.parley.app.QuietLogs;
import dev.parley.client.ClientOptions;
import dev.parley.client.Credentials;
import dev.parley.client.Endpoint;
import dev.parley.client.ParleyClient;
import dev.parley.protocol.Names;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code parley chat}: checks the flags, works out how to log in, and runs the interactive
 * client on a terminal or the pipe tool otherwise.
 */
@Command(
    name = "chat",
    mixinStandardHelpOptions = true,
    versionProvider = dev.parley.app.VersionProvider.class,
    description =
        "Chat in the terminal. Without a terminal (piped input or output), send each input line"
            + " to the first room and print each new message as '[room] user: text'.",
    sortOptions = false,
    showDefaultValues = true)
public final class ChatCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--server", paramLabel = "HOST:PORT[,HOST:PORT...]",
      description = "Server to talk to; ws://HOST:PORT/ws (or wss://) for WebSocket. Several, separated by"
          + " commas, are tried in order, moving to the next when a connection fails.")
  String server = "localhost:" + Endpoint.DEFAULT_TCP_PORT;

  @Option(names = "--user", paramLabel = "NAME", description = "Name to log in as (a guest unless a password is given).")
  String user;

  @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
  boolean passwordStdin;

  @Option(names = "--register", description = "Create the account first (needs a password of 8 characters or more).")
  boolean register;

  @Option(names = "--room", paramLabel = "ROOM", showDefaultValue = Help.Visibility.NEVER,
      description = "Room to join (repeatable); the first is where lines go.")
  List<String> rooms = new ArrayList<>();

  @Option(names = "--tls", description = "Speak TLS to a TCP server, checking its certificate.")
  boolean tls;

  @Option(names = "--trust-cert", paramLabel = "PEM", description = "Trust this certificate (for a self-signed server).")
  Path trustCert;

  @Override
  public Integer call() {
    checkNames();
    List<Endpoint> servers = servers();
    boolean terminal = System.console() != null;
    QuietLogs.install(terminal);
    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream err = System.err;
    ChatLogin login = new ChatLogin(user, register, passwordStdin);
    try {
      if (!terminal) {
        ClientOptions options = options(servers, login.credentials(stdin, null));
        try (ParleyClient client = ParleyClient.create(options)) {
          return new PipeChat(client, describe(servers), rooms, stdin, System.out, err).run();
        }
      }
      try (TerminalChat screen = TerminalChat.open()) {
        ClientOptions options = options(servers, login.credentials(stdin, screen::askPassword));
        try (ParleyClient client = ParleyClient.create(options)) {
          return screen.run(client, describe(servers), rooms);
        }
      }
    } catch (ChatFailure | IllegalArgumentException e) {
      err.println(ErrorLine.of(e.getMessage()));
      return 1;
    }
  }

  private List<Endpoint> servers() {
    try {
      return ServerList.parse(server, tls);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--server: " + e.getMessage());
    }
  }

  private ClientOptions options(List<Endpoint> servers, Credentials credentials) {
    return ClientOptions.of(servers, credentials).withTrustedCertificate(trustCert);
  }

  /** {@code a:7070} or {@code a:7070, b:7070}, for "connecting to …" and "cannot reach …". */
  private static String describe(List<Endpoint> servers) {
    return String.join(", ", servers.stream().map(Endpoint::toString).toList());
  }

  private void checkNames() {
    if (user != null && !Names.isValidUser(user)) {
      throw new ParameterException(spec.commandLine(),
          "--user: '" + user + "' is not a user name (1-32 of A-Z a-z 0-9 _ - .)");
    }
    for (String room : rooms) {
      if (!Names.isValidRoom(room)) {
        throw new ParameterException(spec.commandLine(),
            "--room: '" + room + "' is not a room name (1-64 of A-Z a-z 0-9 _ - .)");
      }
    }
    if (register && user == null) {
      throw new ParameterException(spec.commandLine(), "--register needs --user");
    }
  }
}
