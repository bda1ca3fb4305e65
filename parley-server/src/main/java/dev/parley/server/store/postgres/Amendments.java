package dev.parley.server.store.postgres;

import dev.parley.server.store.AmendmentRule;
import dev.parley.server.store.Appended;
import dev.parley.server.store.NewMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Edits and deletes inside the appending transaction, which holds the room's row (see {@link
 * BatchAppender}): whether the target may be amended by the sender, and what amending it changes
 * in the stored messages and their search words.
 */
final class Amendments {
  /** The message an edit or delete names, as stored. */
  record Target(long id, String senderKey, boolean amendment, boolean deleted) {}

  private Amendments() {}

  /** The room's message {@code id}, or {@code null} when the room has none. */
  static Target target(Connection c, String room, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT sender_key, edit_of <> 0 OR delete_of <> 0, deleted FROM messages WHERE room=? AND id=?")) {
      Jdbc.bind(s, room, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? new Target(id, rs.getString(1), rs.getBoolean(2), rs.getBoolean(3))
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
    SearchIndex.update(c, room, target.id(), text);
  }

  /**
   * Erases the target's text and its edits' texts, and takes the target out of the index. The
   * old row versions (and their words in the search index) stay in the files as dead tuples
   * until a vacuum reclaims them, and
   * in PostgreSQL's write-ahead log (and its archive, if any) until it is recycled.
   */
  static void delete(Connection c, String room, Target target) throws SQLException {
    Jdbc.update(c, "UPDATE messages SET text = '', deleted = true, words = NULL WHERE room=? AND id=?", room, target.id());
    Jdbc.update(c, "UPDATE messages SET text = '', deleted = true WHERE room=? AND edit_of=? AND edit_of <> 0",
        room, target.id());
  }
}
