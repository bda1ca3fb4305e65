package dev.parley.app.chat;

/** A reason the chat cannot go on, said to the user in one line ({@code parley: …}), exit 1. */
final class ChatFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ChatFailure(String message) {
    super(message, null, false, false);
  }
}
