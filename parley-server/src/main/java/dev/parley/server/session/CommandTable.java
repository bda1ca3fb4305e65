package dev.parley.server.session;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One small handler per client frame type. The one precondition every command shares, being
 * logged in, is checked here once; the rate limit and error budget are the session's. (Unknown
 * types never get here: the codec answers them {@code unknown_type}.)
 */
public final class CommandTable {

  /** Handles one type of frame for a session, on the session's executor. */
  interface Command<F extends ClientFrame> {
    void handle(Session session, F frame);
  }

  /** Frames that make sense before logging in: logging in itself and the connection's upkeep. */
  private static final Set<Class<? extends ClientFrame>> BEFORE_LOGIN =
      Set.of(
          ClientFrame.Hello.class,
          ClientFrame.Register.class,
          ClientFrame.Ping.class,
          ClientFrame.Pong.class,
          ClientFrame.Bye.class);

  private final Map<Class<? extends ClientFrame>, Command<?>> commands = new HashMap<>();

  /** The table of every command Parley understands. */
  public static CommandTable standard() {
    CommandTable t = new CommandTable();
    t.on(ClientFrame.Hello.class, LoginCommands::hello);
    t.on(ClientFrame.Register.class, LoginCommands::register);
    t.on(ClientFrame.Join.class, RoomCommands::join);
    t.on(ClientFrame.Leave.class, RoomCommands::leave);
    t.on(ClientFrame.Who.class, RoomCommands::who);
    t.on(ClientFrame.ListRooms.class, RoomCommands::rooms);
    t.on(ClientFrame.Send.class, MessageCommands::send);
    t.on(ClientFrame.Dm.class, MessageCommands::dm);
    t.on(ClientFrame.History.class, MessageCommands::history);
    t.on(ClientFrame.Ping.class, ConnectionCommands::ping);
    t.on(ClientFrame.Pong.class, ConnectionCommands::pong);
    t.on(ClientFrame.Bye.class, ConnectionCommands::bye);
    t.on(ClientFrame.Logout.class, LoginCommands::logout);
    t.on(ClientFrame.Moderate.class, ModerationCommands::moderate);
    t.on(ClientFrame.Typing.class, ConversationCommands::typing);
    t.on(ClientFrame.Read.class, ConversationCommands::read);
    t.on(ClientFrame.Edit.class, ConversationCommands::edit);
    t.on(ClientFrame.Delete.class, ConversationCommands::delete);
    t.on(ClientFrame.Topic.class, ConversationCommands::topic);
    t.on(ClientFrame.Search.class, ConversationCommands::search);
    return t;
  }

  private <F extends ClientFrame> void on(Class<F> type, Command<F> command) {
    commands.put(type, command);
  }

  void dispatch(Session session, ClientFrame frame) {
    if (!session.isLoggedIn() && !BEFORE_LOGIN.contains(frame.getClass())) {
      session.reject(ErrorCode.NOT_LOGGED_IN, "log in first with hello or register", frame.ref());
      return;
    }
    @SuppressWarnings("unchecked")
    Command<ClientFrame> command = (Command<ClientFrame>) commands.get(frame.getClass());
    command.handle(session, frame);
  }
}
