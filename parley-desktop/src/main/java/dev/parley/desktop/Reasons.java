package dev.parley.desktop;

import dev.parley.client.ParleyException;
import dev.parley.protocol.ErrorCode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Why a request failed, in words for the person at the window, never a stack trace. */
public final class Reasons {
  private Reasons() {}

  public static String of(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof ParleyException p && p.code() != null) {
      return switch (p.code()) {
        case AUTH_FAILED -> "Wrong user name or password.";
        case USER_EXISTS -> "That name is taken; choose another or log in.";
        case WEAK_PASSWORD -> "A password needs at least 8 characters.";
        case NAME_TAKEN -> "A guest of that name is here already; choose another name.";
        case INVALID_NAME -> "Names are 1 to 32 of A-Z a-z 0-9 _ - . (rooms up to 64).";
        case NO_SUCH_USER -> "There is no registered user of that name (guests get no private messages).";
        case FORBIDDEN -> "You may not do that here.";
        case RATE_LIMITED -> "Too fast; wait a moment.";
        default -> p.getMessage();
      };
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }

  /** The server's code behind a failure, or {@code null}. */
  public static ErrorCode code(Throwable failure) {
    return unwrap(failure) instanceof ParleyException p ? p.code() : null;
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
