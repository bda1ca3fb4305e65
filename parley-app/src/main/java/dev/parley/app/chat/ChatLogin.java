package dev.parley.app.chat;

import dev.parley.client.Credentials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.function.Function;

/**
 * Turns the flags into credentials: a password from the first line of standard input
 * ({@code --password-stdin}) or from a prompt that does not echo (on a terminal, when a name is
 * given); no password means a guest, and no name a guest with a made-up one.
 */
final class ChatLogin {
  private final String user;
  private final boolean register;
  private final boolean passwordStdin;

  ChatLogin(String user, boolean register, boolean passwordStdin) {
    this.user = user;
    this.register = register;
    this.passwordStdin = passwordStdin;
  }

  /**
   * @param prompt asks for a password without echoing it (given the user name), or {@code null}
   *     when there is no terminal to ask on
   */
  Credentials credentials(BufferedReader stdin, Function<String, String> prompt) {
    String password = null;
    if (passwordStdin) {
      password = firstLine(stdin);
    } else if (user != null && prompt != null) {
      password = prompt.apply(user);
    }
    if (password != null && password.isEmpty()) {
      password = null;
    }
    if (register) {
      if (password == null) {
        throw new ChatFailure("--register needs a password (--password-stdin, or type it at the prompt)");
      }
      return Credentials.register(user, password);
    }
    if (password != null) {
      return Credentials.password(user, password);
    }
    return Credentials.guest(user != null ? user : "guest-" + (1000 + new SecureRandom().nextInt(9000)));
  }

  private static String firstLine(BufferedReader stdin) {
    try {
      String line = stdin.readLine();
      if (line == null) {
        throw new ChatFailure("--password-stdin: standard input is empty");
      }
      return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
