package dev.parley.desktop.model;

import dev.parley.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One room's messages as the window knows them: each id once, in id order, whether it came live,
 * from the join's replay or from a history page; plus the user's lines still on their way.
 * The client library already delivers each message once; keying by id keeps history pages (which
 * overlap what was delivered) from showing anything twice.
 */
public final class Conversation {
  private final String room;
  private final TreeMap<Long, ServerFrame.Msg> messages = new TreeMap<>();
  private final List<PendingLine> pending = new ArrayList<>();
  /** Acknowledged lines whose message has not arrived yet: id → ticket. */
  private final java.util.Map<Long, Long> acknowledged = new java.util.HashMap<>();
  private boolean olderOnTheWay;

  public Conversation(String room) {
    this.room = room;
  }

  public String room() {
    return room;
  }

  /** Adds a message; false when its id was here already. */
  public boolean add(ServerFrame.Msg message) {
    if (messages.containsKey(message.id())) {
      return false;
    }
    messages.put(message.id(), message);
    Long ticket = acknowledged.remove(message.id());
    if (ticket != null) {
      removePending(ticket);
    }
    return true;
  }

  /** Adds a history page; returns how many of its messages were new. */
  public int addAll(List<ServerFrame.Msg> page) {
    int added = 0;
    for (ServerFrame.Msg m : page) {
      if (add(m)) {
        added++;
      }
    }
    return added;
  }

  public List<ServerFrame.Msg> messages() {
    return List.copyOf(messages.values());
  }

  public int size() {
    return messages.size();
  }

  /** The oldest id shown, or 0 when none is. */
  public long oldestId() {
    return messages.isEmpty() ? 0 : messages.firstKey();
  }

  /** The newest id shown, or 0 when none is. */
  public long newestId() {
    return messages.isEmpty() ? 0 : messages.lastKey();
  }

  /** Ids start at 1 with no gaps, so anything above an oldest id of 1 is older history to fetch. */
  public boolean hasOlder() {
    return oldestId() > 1;
  }

  /**
   * Marks a history request as started; false when one is on its way already (scrolling fires
   * many events, one page at a time is enough).
   */
  public boolean startLoadingOlder() {
    if (olderOnTheWay || !hasOlder()) {
      return false;
    }
    olderOnTheWay = true;
    return true;
  }

  public void olderLoaded() {
    olderOnTheWay = false;
  }

  public void addPending(PendingLine line) {
    pending.add(line);
  }

  /**
   * The server stored the line as message {@code id}: the line gives way to the message once
   * that has arrived (at once when it is here already), so the text never shows twice nor
   * blinks out in between.
   */
  public void acknowledged(long ticket, long id) {
    if (messages.containsKey(id)) {
      removePending(ticket);
    } else {
      acknowledged.put(id, ticket);
    }
  }

  /** The send failed: the line is no longer on its way. */
  public boolean removePending(long ticket) {
    return pending.removeIf(p -> p.ticket() == ticket);
  }

  public List<PendingLine> pending() {
    return List.copyOf(pending);
  }
}
