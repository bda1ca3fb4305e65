package dev.parley.server.store.sqlite;

import dev.parley.server.store.AmendmentRule;
import dev.parley.server.store.Appended;
import dev.parley.server.store.NewMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Edits and deletes inside the appending transaction: whether the target may be amended by the
 * sender, and what amending it changes in the stored messages and the search index.
 */
final class Amendments {
  /** The message an edit or delete names, as stored, with its newest text (its last edit's). */
  record Target(long id, String senderKey, boolean amendment, boolean deleted, String newestText) {}

  private Amendments() {}

  /** The room's message {@code id}, or {@code null} when the room has none. */
  static Target target(Connection c, String room, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT sender_key, edit_of<>0 OR delete_of<>0, deleted, coalesce((SELECT e.text FROM messages e"
            + " INDEXED BY messages_edits WHERE e.room=m.room AND e.edit_of=m.id AND e.edit_of<>0 ORDER BY e.id DESC LIMIT 1), text)"
            + " FROM messages m WHERE room=? AND id=?")) {
      Sql.bind(s, room, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? new Target(id, rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getString(4))
            : null;
      }
    }
  }

  /** Why {@code m} may not amend {@code target}, or {@code null} when it may. */
  static Appended.Refusal refusal(NewMessage m, Target target) {
    return target == null
        ? AmendmentRule.refusal(m, null, false, false)
        : AmendmentRule.refusal(m, target.senderKey(), target.amendment(), target.deleted());
  }

  /** The target is found by its new text from now on. */
  static void edit(Connection c, String room, Target target, String text) throws SQLException {
    SearchIndex.remove(c, room, target.id(), target.newestText());
    SearchIndex.add(c, room, target.id(), text);
  }

  /**
   * Erases the target's text and its edits' texts, and takes the target out of the index. (Two
   * updates, each on its own index: one with an {@code OR} would walk the whole room.)
   */
  static void delete(Connection c, String room, Target target) throws SQLException {
    SearchIndex.remove(c, room, target.id(), target.newestText());
    Sql.update(c, "UPDATE messages SET text='', deleted=1 WHERE room=? AND id=?", room, target.id());
    Sql.update(c, "UPDATE messages INDEXED BY messages_edits SET text='', deleted=1 WHERE room=? AND edit_of=? AND edit_of<>0",
        room, target.id());
  }
}
