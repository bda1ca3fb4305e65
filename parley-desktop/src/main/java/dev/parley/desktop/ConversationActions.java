package dev.parley.desktop;

import dev.parley.desktop.model.ChatLine;
import dev.parley.desktop.model.ChatMessage;
import dev.parley.desktop.model.Conversation;
import dev.parley.protocol.Names;
import dev.parley.protocol.ServerFrame;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What the user asks of the open conversation beyond sending: who may edit or delete a message
 * and set the topic, the requests themselves (their failures shown as problems), and search,
 * with the history loaded back to a chosen result. Event thread, like its {@link ChatSession}.
 */
public final class ConversationActions {
  /** History pages fetched at most to reach a search result (a result further back is not shown). */
  static final int MAX_PAGES_TO_RESULT = 20;
  /** Search results asked for. */
  static final int SEARCH_LIMIT = 50;

  private final ChatSession session;
  private final ConversationCalls calls;
  private final SessionView view;

  ConversationActions(ChatSession session, ConversationCalls calls, SessionView view) {
    this.session = session;
    this.calls = calls;
    this.view = view;
  }

  /** Whether the user may edit a row: their own message, stored and not deleted. */
  public boolean mayEdit(ChatLine line) {
    return !line.pending() && !line.deleted() && line.id() > 0 && session.isMe(line.from());
  }

  /** Whether the user may delete a row: their own message, or any when they own the room. */
  public boolean mayDelete(ChatLine line) {
    String room = session.directory().selected();
    return !line.pending() && !line.deleted() && line.id() > 0 && room != null
        && (session.isMe(line.from()) || session.details(room).ownedBy(session.me()));
  }

  /** Whether the user may set the open room's topic (owners of public rooms). */
  public boolean maySetTopic() {
    String room = session.directory().selected();
    return room != null && !Names.isDirect(room) && session.details(room).ownedBy(session.me());
  }

  /** The user's newest message in the open room still showing its text, for Up in the composer. */
  public ChatMessage lastOwnMessage() {
    String room = session.directory().selected();
    return room == null ? null : session.conversation(room).lastOwn(session.me());
  }

  public void edit(long id, String text) {
    String room = session.directory().selected();
    if (room != null) {
      report(calls.edit(room, id, text), "Not edited: ");
    }
  }

  public void delete(long id) {
    String room = session.directory().selected();
    if (room != null) {
      report(calls.delete(room, id), "Not deleted: ");
    }
  }

  public void setTopic(String text) {
    String room = session.directory().selected();
    if (room != null) {
      report(calls.setTopic(room, text), "Topic not set: ");
    }
  }

  /**
   * Asks the server to search the open room: {@code results} gets what it found, newest first,
   * or {@code failed} why it could not (a word of two letters at least is needed, say).
   */
  public void search(String query, Consumer<List<ServerFrame.Msg>> results, Consumer<String> failed) {
    String room = session.directory().selected();
    if (room == null || query.isBlank()) {
      return;
    }
    calls.search(room, query.strip(), SEARCH_LIMIT).whenComplete((found, e) -> ChatSession.onEdt(() -> {
      if (!room.equals(session.directory().selected())) {
        return; // another room is shown now
      }
      if (e != null) {
        failed.accept("Cannot search: " + Reasons.of(e));
      } else {
        results.accept(found);
      }
    }));
  }

  /**
   * Loads the open room's history back to message {@code id} (a search result), page by page so
   * the conversation stays whole, then has the window scroll to it.
   */
  public void showMessage(long id) {
    String room = session.directory().selected();
    if (room != null) {
      loadBackTo(session.conversation(room), id, MAX_PAGES_TO_RESULT);
    }
  }

  private void loadBackTo(Conversation c, long id, int pagesLeft) {
    if ((c.oldestId() != 0 && c.oldestId() <= id) || (!c.hasOlder() && c.size() > 0)) {
      view.scrollToMessage(c.room(), id);
      return;
    }
    if (pagesLeft == 0) {
      view.problem("That message is too far back to show here.");
      return;
    }
    Long before = c.size() == 0 ? null : c.oldestId();
    session.client().history(c.room(), before, ChatSession.PAGE).whenComplete((page, e) -> ChatSession.onEdt(() -> {
      if (e != null) {
        view.problem("Cannot load older messages: " + Reasons.of(e));
        return;
      }
      if (c.addAll(page.messages()) > 0) {
        view.conversationPrepended(c.room());
      }
      if (!page.more()) {
        view.scrollToMessage(c.room(), id);
      } else {
        loadBackTo(c, id, pagesLeft - 1);
      }
    }));
  }

  private void report(CompletableFuture<?> done, String failure) {
    done.whenComplete((ok, e) -> {
      if (e != null) {
        ChatSession.onEdt(() -> view.problem(failure + Reasons.of(e)));
      }
    });
  }
}
