package dev.parley.desktop.model;

import dev.parley.protocol.Names;
import dev.parley.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One room's messages as the window knows them: each id once, in id order, whether it came live,
 * from the join's replay or from a history page; plus the user's lines still on their way.
 * The client library already delivers each message once; keying by id keeps history pages (which
 * overlap what was delivered) from showing anything twice.
 *
 * <p>Edits and deletes are shown applied to the message they name: the newest edit's text,
 * marked edited; a delete leaves "message deleted" in place. They come two ways: as messages of
 * the room (they have ids of their own, and history pages hold them), kept with the others, or as
 * the library's {@link #edited}/{@link #deleted} events, which come in the room's order and so
 * are newer than any edit message here. Either may come before the message it names (a history
 * page loaded later), so they are applied when the rows are asked for, not when they arrive.
 */
public final class Conversation {
  private final String room;
  private final TreeMap<Long, ServerFrame.Msg> messages = new TreeMap<>();
  private final List<PendingLine> pending = new ArrayList<>();
  /** Acknowledged lines whose message has not arrived yet: id → ticket. */
  private final Map<Long, Long> acknowledged = new HashMap<>();
  /** Edits told as events: message id → its newest text. */
  private final Map<Long, String> editedTo = new HashMap<>();
  /** Deletes told as events. */
  private final Set<Long> deletedIds = new HashSet<>();
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

  /** Message {@code id} now reads {@code text}; false when that changes nothing shown. */
  public boolean edited(long id, String text) {
    return !text.equals(editedTo.put(id, text)) && messages.containsKey(id);
  }

  /** Message {@code id} was deleted; false when that changes nothing shown. */
  public boolean deleted(long id) {
    return deletedIds.add(id) && messages.containsKey(id);
  }

  /** The rows to show: ordinary messages in id order, with their edits and deletes applied. */
  public List<ChatMessage> messages() {
    Map<Long, String> newestEdit = new HashMap<>();
    Set<Long> deletes = new HashSet<>(deletedIds);
    for (ServerFrame.Msg m : messages.values()) {
      if (m.edit() != 0) {
        newestEdit.put(m.edit(), m.text()); // id order: a later edit replaces an earlier one
      } else if (m.delete() != 0) {
        deletes.add(m.delete());
      }
    }
    newestEdit.putAll(editedTo); // told live, after every edit message here
    List<ChatMessage> shown = new ArrayList<>(messages.size());
    for (ServerFrame.Msg m : messages.values()) {
      if (m.amends()) {
        continue;
      }
      if (m.deleted() || deletes.contains(m.id())) {
        shown.add(new ChatMessage(m.id(), m.from(), "", m.ts(), false, true));
        continue;
      }
      String edit = newestEdit.get(m.id());
      shown.add(edit == null
          ? new ChatMessage(m.id(), m.from(), m.text(), m.ts(), false, false)
          : new ChatMessage(m.id(), m.from(), edit, m.ts(), true, false));
    }
    return shown;
  }

  /** The message {@code id} as shown, or {@code null} when it is not here (or not a row). */
  public ChatMessage shown(long id) {
    for (ChatMessage m : messages()) {
      if (m.id() == id) {
        return m;
      }
    }
    return null;
  }

  /** The newest message of {@code user}'s that is still shown with its text (for Up in the composer). */
  public ChatMessage lastOwn(String user) {
    List<ChatMessage> all = messages();
    for (int i = all.size() - 1; i >= 0; i--) {
      ChatMessage m = all.get(i);
      if (!m.deleted() && Names.key(m.from()).equals(Names.key(user))) {
        return m;
      }
    }
    return null;
  }

  /**
   * What is unread for {@code me} after {@code read}: ordinary messages from others (not edits
   * or deletes, not one's own, not those deleted since). When messages after {@code read} are
   * not loaded (the join replays only the newest), the count is a lower bound.
   */
  public Unread unreadAfter(long read, String me) {
    String myKey = Names.key(me);
    int n = 0;
    for (ChatMessage m : messages()) {
      if (m.id() > read && !m.deleted() && !Names.key(m.from()).equals(myKey)) {
        n++;
      }
    }
    return new Unread(n, n > 0 && oldestId() > read + 1);
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
