package dev.parley.app;

import dev.parley.app.bot.BotCommand;
import dev.parley.app.chaos.ChaosCommand;
import dev.parley.app.chat.ChatCommand;
import dev.parley.app.desktop.DesktopCommand;
import dev.parley.bench.BenchCommand;
import dev.parley.app.serve.ServeCommand;
import dev.parley.app.user.UserCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code parley}: the entry point of the shaded jar behind {@code ./parley}. */
@Command(
    name = "parley",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Chat rooms over TCP, WebSocket and long-polling.",
    subcommands = {
      ServeCommand.class,
      ChatCommand.class,
      DesktopCommand.class,
      BotCommand.class,
      UserCommand.class,
      BenchCommand.class,
      ChaosCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ParleyCommand implements Runnable {

  @Spec CommandSpec spec;

  /** Without a subcommand there is nothing to do: show the usage and fail as a usage error. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing a command");
  }

  /** The command line, with Parley's converters and one-line error handlers installed. */
  public static CommandLine commandLine() {
    return new CommandLine(new ParleyCommand())
        .registerConverter(Integer.class, new WholeNumber.IntConverter())
        .registerConverter(Integer.TYPE, new WholeNumber.IntConverter())
        .registerConverter(Long.class, new WholeNumber.LongConverter())
        .registerConverter(Long.TYPE, new WholeNumber.LongConverter())
        .setParameterExceptionHandler(new UsageErrorHandler())
        .setExecutionExceptionHandler(new FailureHandler());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
