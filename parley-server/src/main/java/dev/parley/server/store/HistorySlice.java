package dev.parley.server.store;

import java.util.List;

/** Messages oldest first, and whether older ones exist before the first. */
public record HistorySlice(List<StoredMessage> messages, boolean more) {}
