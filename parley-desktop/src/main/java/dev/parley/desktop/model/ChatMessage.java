package dev.parley.desktop.model;

/**
 * A message as the conversation shows it: an ordinary message with its edits and delete
 * applied (edit and delete messages themselves are not shown as rows).
 *
 * @param id the original message's id
 * @param text the newest text (its own, or its newest edit's); empty when deleted
 * @param edited whether an edit replaced the original text
 * @param deleted whether it was taken back ("message deleted" in place)
 */
public record ChatMessage(long id, String from, String text, long ts, boolean edited, boolean deleted) {}
