package dev.parley.desktop.model;

/**
 * A line the user sent that the server has not acknowledged yet (shown greyed at the end of the
 * conversation until it comes back as a message).
 *
 * @param ticket the window's own number for it, to take it away when the send completes
 */
public record PendingLine(long ticket, String from, String text, long ts) {}
