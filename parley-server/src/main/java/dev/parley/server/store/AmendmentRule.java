package dev.parley.server.store;

/** Who may amend what: the rule both stores apply to an edit or delete before storing it. */
public final class AmendmentRule {
  private AmendmentRule() {}

  /**
   * Why {@code m} may not amend its target, or {@code null} when it may. {@code targetSender} is
   * the target's sender identity, {@code null} when the room has no message of that id.
   */
  public static Appended.Refusal refusal(NewMessage m, String targetSender, boolean targetAmends, boolean targetDeleted) {
    if (targetSender == null) {
      return Appended.Refusal.NO_SUCH_MESSAGE;
    }
    if (targetAmends) {
      return Appended.Refusal.NOT_AMENDABLE;
    }
    if (targetDeleted) {
      return Appended.Refusal.DELETED;
    }
    boolean author = targetSender.equals(m.fromIdentity());
    boolean allowed = m.editOf() != 0 ? author : author || m.byOwner();
    return allowed ? null : Appended.Refusal.NOT_YOURS;
  }
}
