package dev.parley.desktop.ui;

import com.formdev.flatlaf.util.UIScale;
import dev.parley.client.ConnectionState;
import dev.parley.client.ParleyClient;
import dev.parley.desktop.ChatSession;
import dev.parley.desktop.SessionView;
import dev.parley.desktop.model.RoomEntry;
import dev.parley.desktop.settings.ThemeChoice;
import dev.parley.protocol.Names;
import dev.parley.protocol.ServerFrame;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.Timer;
import javax.swing.WindowConstants;

/**
 * The chat window: rooms on the left, the open conversation in the middle, its members on the
 * right, the connection's state at the bottom. It shows what its {@link ChatSession} holds and
 * passes on what the user does.
 */
public final class ChatWindow extends JFrame implements SessionView, ChatMenus.Commands {
  /** What the window asks of the application. */
  public interface Host {
    void logOut(ChatWindow window);

    void quit(ChatWindow window);

    void theme(ThemeChoice choice);
  }

  private final ChatSession session;
  private final String server;
  private final Host host;
  private final RoomSidebar sidebar;
  private final ConversationPane conversation;
  private final MemberPanel members;
  private final StatusBar status = new StatusBar();
  private String shownRoom;
  private boolean everConnected = true;
  private final Timer typingClock = new Timer(1000, e -> typingChanged(shownRoom));

  public ChatWindow(ParleyClient client, ServerFrame.Welcome welcome, String server, ThemeChoice theme, Host host) {
    super("Parley");
    setName("chat");
    this.server = server;
    this.host = host;
    this.session = new ChatSession(client, welcome, this);
    sidebar = new RoomSidebar(session::me, session::select, room -> {
      session.join(room, true);
      focusComposer();
    });
    conversation = new ConversationPane(session);
    members = new MemberPanel(session::me, session::openDirect);
    JPanel content = new JPanel(new BorderLayout());
    content.add(sidebar, BorderLayout.WEST);
    content.add(conversation, BorderLayout.CENTER);
    content.add(members, BorderLayout.EAST);
    content.add(status, BorderLayout.SOUTH);
    setContentPane(content);
    setJMenuBar(ChatMenus.build(this, this, theme));
    sidebar.signedInAs(session.me());
    connectionChanged(ConnectionState.CONNECTED, "");
    setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
    addWindowListener(new WindowAdapter() {
      @Override
      public void windowClosing(WindowEvent e) {
        host.quit(ChatWindow.this);
      }

      @Override
      public void windowOpened(WindowEvent e) {
        conversation.composer().input().requestFocusInWindow();
      }
    });
    setMinimumSize(new Dimension(UIScale.scale(720), UIScale.scale(420)));
    setSize(UIScale.scale(1100), UIScale.scale(700));
    setLocationByPlatform(true);
    roomsChanged();
    // "alice is typing…" ends 5 s after the last typing frame: look again every second.
    typingClock.start();
  }

  private void focusComposer() {
    if (conversation != null) {
      conversation.composer().input().requestFocusInWindow();
    }
  }

  @Override
  public void dispose() {
    typingClock.stop();
    super.dispose();
  }

  public ChatSession session() {
    return session;
  }

  // ---- SessionView ----

  @Override
  public void roomsChanged() {
    String selected = session.directory().selected();
    sidebar.show(session.directory().entries(), selected);
    if (selected == null ? shownRoom != null : !selected.equals(shownRoom)) {
      shownRoom = selected;
      conversation.show(selected == null ? null : session.conversation(selected));
      membersChanged(selected);
      topicChanged(selected);
      typingChanged(selected);
    }
    String label = selected == null ? null : new RoomEntry(selected).label(session.me());
    setTitle(label == null ? "Parley" : label + " — Parley");
    conversation.composer().placeholder(label == null ? "Join a room to start (Ctrl+K)" : "Message " + label);
  }

  @Override
  public void conversationAppended(String room) {
    if (room.equals(shownRoom)) {
      conversation.appended();
    }
  }

  @Override
  public void conversationPrepended(String room) {
    if (room.equals(shownRoom)) {
      conversation.prepended();
    }
  }

  @Override
  public void conversationChanged(String room) {
    if (room.equals(shownRoom)) {
      conversation.changed();
    }
  }

  @Override
  public void typingChanged(String room) {
    if (room == null || room.equals(shownRoom)) {
      conversation.typing(session.typingLine(room));
    }
  }

  @Override
  public void topicChanged(String room) {
    if (room == null) {
      conversation.topic("", false);
    } else if (room.equals(shownRoom)) {
      conversation.topic(session.details(room).topic(), session.actions().maySetTopic());
    }
  }

  @Override
  public void scrollToMessage(String room, long id) {
    if (room.equals(shownRoom)) {
      conversation.scrollToMessage(id);
    }
  }

  @Override
  public void membersChanged(String room) {
    if (room == null) {
      members.show(java.util.List.of(), 0);
      conversation.header("Welcome to Parley", "Join a room by name or number (Ctrl+K)");
      return;
    }
    if (!room.equals(shownRoom)) {
      return;
    }
    var list = session.members(room);
    members.show(list.list(), list.onlineCount());
    String label = new RoomEntry(room).label(session.me());
    if (Names.isDirect(room)) {
      String other = RoomEntry.otherPerson(room, session.me());
      conversation.header(label, "Private conversation with " + other);
    } else {
      int n = list.onlineCount();
      conversation.header(label, n + (n == 1 ? " member here" : " members here"));
    }
  }

  @Override
  public void connectionChanged(ConnectionState state, String detail) {
    String text = switch (state) {
      case CONNECTED -> "Connected to " + server + " as " + session.me();
      case CONNECTING -> (everConnected ? "Reconnecting" : "Connecting") + (detail.isBlank() ? "…" : ": " + detail);
      case DISCONNECTED -> "Offline, retrying" + (detail.isBlank() ? "…" : ": " + detail);
      case CLOSED -> "Signed out: " + detail + " (Parley ▸ Log out to sign in again)";
    };
    status.connection(state, text);
  }

  @Override
  public void problem(String text) {
    status.problem(text);
  }

  // ---- ChatMenus.Commands ----

  @Override
  public void jumpToRoom() {
    sidebar.joinField().requestFocusInWindow();
    sidebar.joinField().selectAll();
  }

  @Override
  public void closeRoom() {
    if (shownRoom != null) {
      session.leave(shownRoom);
    }
  }

  @Override
  public void nextRoom(int step) {
    String next = session.directory().neighbour(step);
    if (next != null) {
      session.select(next);
      conversation.composer().input().requestFocusInWindow();
    }
  }

  @Override
  public void find() {
    conversation.toggleFind();
  }

  @Override
  public void setTopic() {
    conversation.editTopic();
  }

  @Override
  public void theme(ThemeChoice choice) {
    host.theme(choice);
    sidebar.signedInAs(session.me());
  }

  @Override
  public void logOut() {
    host.logOut(this);
  }

  @Override
  public void quit() {
    host.quit(this);
  }
}
