package dev.parley.app.chat;

/**
 * The arguments of {@code /edit [ID] TEXT} and {@code /delete [ID]}: an optional message id
 * ({@code 58} or {@code #58}) first, then the rest. A number alone before the text is the id;
 * to edit a message into text that starts with a number, give the id too.
 */
record MessageTarget(Long id, String rest) {

  static MessageTarget parse(String args) {
    String text = args.strip();
    int space = text.indexOf(' ');
    String first = space < 0 ? text : text.substring(0, space);
    String digits = first.startsWith("#") ? first.substring(1) : first;
    if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return new MessageTarget(null, text);
    }
    String rest = space < 0 ? "" : text.substring(space + 1).strip();
    return new MessageTarget(Long.parseLong(digits), rest);
  }
}
