package dev.parley.app.chat;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Why a request failed, in words, whether the failure came wrapped by a future or not. */
final class Reasons {
  private Reasons() {}

  static String of(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }
}
