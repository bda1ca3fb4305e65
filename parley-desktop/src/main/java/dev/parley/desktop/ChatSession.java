package dev.parley.desktop;

import dev.parley.client.ClientListener;
import dev.parley.client.ConnectionState;
import dev.parley.client.ParleyClient;
import dev.parley.desktop.model.Conversation;
import dev.parley.desktop.model.Members;
import dev.parley.desktop.model.PendingLine;
import dev.parley.desktop.model.RoomDetails;
import dev.parley.desktop.model.RoomDirectory;
import dev.parley.desktop.model.RoomEntry;
import dev.parley.desktop.model.TypingIndicator;
import dev.parley.desktop.model.TypingPacer;
import dev.parley.protocol.Names;
import dev.parley.protocol.ServerFrame;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.swing.SwingUtilities;

/**
 * The window's side of one logged-in {@link ParleyClient}: it hears the library (on its callback
 * thread) and hands every event to Swing's event thread, where it keeps the room list, each
 * room's conversation and members, and answers what the user does (join, send, open a private
 * conversation, load older history). The library delivers each message once, in order, across
 * reconnects; the conversations key messages by id, so history pages never repeat them either.
 * Edits, deletes, read markers (from this device, others, and each join), typing and topics
 * are applied here too. All state below is owned by the event thread.
 */
public final class ChatSession implements ClientListener {
  /** Messages per history page when scrolling up. */
  static final int PAGE = 50;

  private final ParleyClient client;
  private final ConversationCalls calls;
  private final String me;
  private final SessionView view;
  private final RoomDirectory directory = new RoomDirectory();
  private final Map<String, Conversation> conversations = new HashMap<>();
  private final Map<String, Members> members = new HashMap<>();
  private final Map<String, RoomDetails> details = new HashMap<>();
  /** Private conversations joined (so that their events come to this connection). */
  private final Set<String> followed = new HashSet<>();
  private final ConversationActions actions;
  private final TypingIndicator typing = new TypingIndicator(System::currentTimeMillis);
  private final TypingPacer pacer = new TypingPacer(System::currentTimeMillis);
  private long nextTicket = 1;
  private ConnectionState state = ConnectionState.CONNECTED;
  private boolean lostConnection;

  public ChatSession(ParleyClient client, ServerFrame.Welcome welcome, SessionView view) {
    this.client = client;
    this.calls = new ClientCalls(client);
    this.me = welcome.user();
    this.view = view;
    this.actions = new ConversationActions(this, calls, view);
    for (ServerFrame.RoomLast dm : welcome.dms()) {
      directory.add(dm.room(), dm.read());
      follow(dm.room());
    }
  }

  /**
   * Joins a private conversation, as the library would a room: its newest messages come (to
   * count what is unread), and so do the read markers of the user's other devices, typing, and
   * the right to edit and delete in it, which the server gives to connections in the room.
   */
  private void follow(String directRoom) {
    if (!followed.add(directRoom)) {
      return;
    }
    client.join(directRoom).whenComplete((joined, e) -> onEdt(() -> {
      if (e != null) {
        followed.remove(directRoom);
        loadNewest(conversation(directRoom)); // shown all the same, from its history
      } else if (directory.contains(directRoom)) {
        directory.markRead(directRoom, joined.read());
        recount(directRoom);
      }
    }));
  }

  /** Edit, delete, topic and search, as the user asks for them. */
  public ConversationActions actions() {
    return actions;
  }

  public ParleyClient client() {
    return client;
  }

  public String me() {
    return me;
  }

  public RoomDirectory directory() {
    return directory;
  }

  public ConnectionState state() {
    return state;
  }

  public Conversation conversation(String room) {
    return conversations.computeIfAbsent(room, Conversation::new);
  }

  public RoomDetails details(String room) {
    return details.computeIfAbsent(room, r -> new RoomDetails());
  }

  /** "alice is typing…" for the room, or "". */
  public String typingLine(String room) {
    return room == null ? "" : typing.line(room);
  }

  public Members members(String room) {
    return members.computeIfAbsent(room, r -> {
      Members m = new Members();
      if (Names.isDirect(r)) {
        m.reset(List.of(me, RoomEntry.otherPerson(r, me)));
      }
      return m;
    });
  }

  /** The public rooms open now, in the list's order (remembered for the next start). */
  public List<String> publicRooms() {
    return directory.entries().stream().filter(e -> !e.isDirect()).map(RoomEntry::room).toList();
  }

  // ---- what the user does (event thread) ----

  /** Joins a room by name or number; {@code open} makes it the open room once joined. */
  public void join(String typed, boolean open) {
    client.join(typed).whenComplete((joined, e) -> onEdt(() -> {
      if (e != null) {
        view.problem("Cannot join " + typed + ": " + Reasons.of(e));
        return;
      }
      directory.add(joined.room(), joined.read());
      members(joined.room()).reset(joined.members());
      details(joined.room()).joined(joined.topic(), joined.owners());
      directory.recount(conversation(joined.room()), me);
      if (open) {
        select(joined.room());
      }
      view.roomsChanged();
      view.membersChanged(joined.room());
    }));
  }

  public void leave(String room) {
    if (!Names.isDirect(room) || followed.remove(room)) {
      client.leave(room);
    }
    directory.remove(room);
    conversations.remove(room);
    details.remove(room);
    String next = directory.neighbour(0);
    if (next != null) {
      select(next);
    }
    view.roomsChanged();
  }

  /** Opens a room of the list; an empty private conversation fetches its newest page. */
  public void select(String room) {
    directory.select(room);
    if (Names.isDirect(room)) {
      follow(room);
    }
    view.roomsChanged();
    view.membersChanged(room);
  }

  /** Opens the private conversation with {@code user} (from the member list). */
  public void openDirect(String user) {
    if (Names.key(user).equals(Names.key(me))) {
      return;
    }
    String room = Names.directRoom(me, user);
    directory.add(room, 0);
    select(room);
  }

  /** Sends a line to the open room (or person); it shows as on its way until stored. */
  public void send(String text) {
    String room = directory.selected();
    if (room == null) {
      view.problem("Join a room first (Ctrl+K).");
      return;
    }
    Conversation c = conversation(room);
    long ticket = nextTicket++;
    c.addPending(new PendingLine(ticket, me, text, System.currentTimeMillis()));
    view.conversationAppended(room);
    pacer.sent(room);
    CompletableFuture<ServerFrame.Ack> acked = Names.isDirect(room)
        ? client.dm(RoomEntry.otherPerson(room, me), text)
        : client.send(room, text);
    acked.whenComplete((ack, e) -> onEdt(() -> {
      if (e != null) {
        c.removePending(ticket);
        view.problem("Not sent: " + Reasons.of(e));
      } else {
        c.acknowledged(ticket, ack.id());
      }
      view.conversationAppended(room);
    }));
  }

  /** The user typed in the open room: the others hear of it, at most every few seconds. */
  public void keystroke() {
    String room = directory.selected();
    if (room != null && pacer.keystroke(room)) {
      calls.typing(room);
    }
  }

  /**
   * The open room is on screen scrolled to its newest message: it is read up to there, here and
   * (through the server) on the user's other devices.
   */
  public void seenToEnd(String room) {
    long newest = conversation(room).newestId();
    if (directory.markRead(room, newest)) {
      calls.markRead(room, newest);
      directory.recount(conversation(room), me);
      view.roomsChanged();
    }
  }

  boolean isMe(String user) {
    return Names.key(user).equals(Names.key(me));
  }

  /** Fetches the page before the oldest message shown, unless one is on its way or there is none. */
  public void loadOlder(String room) {
    Conversation c = conversation(room);
    if (!c.startLoadingOlder()) {
      return;
    }
    client.history(room, c.oldestId(), PAGE).whenComplete((page, e) -> onEdt(() -> {
      c.olderLoaded();
      if (e != null) {
        view.problem("Cannot load older messages: " + Reasons.of(e));
      } else if (c.addAll(page.messages()) > 0) {
        view.conversationPrepended(room);
        recount(room);
      }
    }));
  }

  private void loadNewest(Conversation c) {
    client.history(c.room(), null, PAGE).whenComplete((page, e) -> onEdt(() -> {
      if (e == null && c.addAll(page.messages()) > 0) {
        view.conversationPrepended(c.room());
        recount(c.room());
      } // a conversation with nothing in it yet has no history to show: no error
    }));
  }

  private void recount(String room) {
    if (directory.recount(conversation(room), me)) {
      view.roomsChanged();
    }
  }

  // ---- what the library says (callback thread) ----

  @Override
  public void message(ServerFrame.Msg message) {
    onEdt(() -> onMessage(message));
  }

  // The conversation features' events (the client library's ClientListener).

  @Override
  public void typing(String room, String user) {
    onEdt(() -> {
      if (!isMe(user)) {
        typing.typing(room, user);
        view.typingChanged(room);
      }
    });
  }

  @Override
  public void edited(String room, long id, String text, String by) {
    onEdt(() -> {
      if (conversations.containsKey(room) && conversation(room).edited(id, text)) {
        view.conversationChanged(room);
      }
    });
  }

  @Override
  public void deleted(String room, long id, String by) {
    onEdt(() -> {
      if (conversations.containsKey(room) && conversation(room).deleted(id)) {
        view.conversationChanged(room);
        recount(room);
      }
    });
  }

  @Override
  public void readMoved(String room, long id) {
    onEdt(() -> {
      if (directory.markRead(room, id)) {
        recount(room);
        view.roomsChanged();
      }
    });
  }

  @Override
  public void topicChanged(String room, String topic, String by) {
    onEdt(() -> {
      details(room).topic(topic);
      view.topicChanged(room);
    });
  }

  @Override
  public void presence(ServerFrame.Presence presence) {
    onEdt(() -> {
      Members m = members(presence.room());
      if (ServerFrame.Presence.JOIN.equals(presence.event())) {
        m.joined(presence.user());
      } else {
        m.left(presence.user());
      }
      view.membersChanged(presence.room());
    });
  }

  @Override
  public void stateChanged(ConnectionState newState, String detail) {
    onEdt(() -> {
      state = newState;
      if (newState != ConnectionState.CONNECTED) {
        lostConnection = true;
      } else if (lostConnection) {
        lostConnection = false;
        refreshMembers(); // presence changes while away were not heard
      }
      view.connectionChanged(newState, detail);
    });
  }

  private void onMessage(ServerFrame.Msg m) {
    boolean newRoom = false;
    if (!directory.contains(m.room())) {
      if (!Names.isDirect(m.room())) {
        return; // a room left a moment ago
      }
      newRoom = directory.add(m.room(), 0); // someone began a private conversation
      follow(m.room());
    }
    Conversation c = conversation(m.room());
    if (c.add(m)) {
      if (m.amends()) {
        view.conversationChanged(m.room()); // an edit or delete, shown in place
      } else {
        view.conversationAppended(m.room());
      }
    }
    if (typing.messageFrom(m.room(), m.from())) {
      view.typingChanged(m.room());
    }
    if (directory.recount(c, me) | newRoom) {
      view.roomsChanged();
    }
  }

  private void refreshMembers() {
    for (String room : publicRooms()) {
      client.who(room).whenComplete((list, e) -> onEdt(() -> {
        if (e == null && directory.contains(room)) {
          members(room).reset(list);
          view.membersChanged(room);
        }
      }));
    }
  }

  static void onEdt(Runnable work) {
    SwingUtilities.invokeLater(work);
  }
}
