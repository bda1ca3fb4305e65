package dev.parley.desktop.model;

/**
 * One row of a conversation as the window draws it.
 *
 * @param id the message's id in its room, or 0 for a line still on its way to the server
 * @param from who wrote it
 * @param text what they wrote (may hold newlines)
 * @param ts the server's time in milliseconds, or the local time for a line on its way
 * @param startsGroup whether the author's name and the time are shown above it: the first line,
 *     a new author, a pause of more than {@link MessageGrouping#GROUP_GAP_MILLIS}, or a new day
 * @param startsDay whether a day divider is drawn above it
 * @param pending whether it is still on its way (sent, not yet stored by the server)
 * @param edited whether its text is an edit's ("(edited)")
 * @param deleted whether it was deleted ("message deleted" in its place)
 */
public record ChatLine(long id, String from, String text, long ts, boolean startsGroup, boolean startsDay,
    boolean pending, boolean edited, boolean deleted) {}
