package dev.parley.app;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * A flag picocli could not parse (unknown option, missing or non-numeric value) becomes one line
 * on standard error and exit status 2. Only a bare {@code parley} shows the whole usage, since
 * then the user asked for nothing in particular.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    if (args.length == 0) {
      cmd.usage(err);
    } else {
      String problem = ValueOrigins.annotate(cmd, describe(ex));
      err.println(ErrorLine.of(problem + " (see '" + qualifiedName(cmd) + " --help')"));
    }
    err.flush();
    return cmd.getCommandSpec().exitCodeOnInvalidInput();
  }

  private static String describe(ParameterException ex) {
    if (ex.getCause() instanceof TypeConversionException conversion
        && ex.getArgSpec() instanceof OptionSpec option) {
      return option.longestName() + ": " + conversion.getMessage();
    }
    String message = String.valueOf(ex.getMessage());
    return message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
  }

  private static String qualifiedName(CommandLine cmd) {
    return cmd.getCommandSpec().qualifiedName();
  }
}
