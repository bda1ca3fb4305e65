package dev.parley.server.room;

import dev.parley.protocol.ErrorCode;
import dev.parley.server.store.GroupCommitter;
import dev.parley.server.store.MessageStore;
import java.util.function.Consumer;

/**
 * Changes to a room's owners and bans, written by the store's writer (in the same queue as the
 * appends) and applied in memory only once stored, back on the room's lane. Lane threads only.
 */
final class PolicyWrites {
  private final RoomLanes lanes;
  private final GroupCommitter committer;

  PolicyWrites(RoomLanes lanes, GroupCommitter committer) {
    this.lanes = lanes;
    this.committer = committer;
  }

  /**
   * The room is stored now (or an owner acts on it): so is the owner it got by being joined. If
   * the store refuses, the claim is taken back, so memory never holds an owner the store lacks.
   */
  void storeFirstOwner(Room r, Member m, String ref) {
    String owner = r.ownerToStore;
    if (owner != null) {
      r.ownerToStore = null;
      Runnable takeBack = () -> r.owners.remove(owner);
      if (!persist(r, store -> store.addOwner(r.name, owner), () -> {}, takeBack)) {
        takeBack.run();
      }
    }
  }

  /**
   * In a cluster: the store's writer makes {@code m}'s user the room's first owner unless the
   * room has owners already (claimed on another node), and the room takes whichever owners the
   * store has; then {@code then} runs on the lane. If it cannot be stored, {@code m} is told
   * and {@code refused} runs.
   */
  void claimFirstOwner(Room r, Member m, String ref, Runnable then, Runnable refused) {
    java.util.Set<String> owners = java.util.concurrent.ConcurrentHashMap.newKeySet();
    boolean queued = persist(r, store -> owners.addAll(store.claimFirstOwner(r.name, m.userKey())), () -> {
      r.owners.addAll(owners);
      then.run();
    }, () -> {
      refused.run();
      m.reject(ErrorCode.INTERNAL, "room " + r.name + " is unavailable, try again", ref);
    });
    if (!queued) {
      refused.run();
      RoomHub.busy(m, ref);
    }
  }

  /**
   * Has the store's writer store a change of a room's policy, then runs {@code then} on the
   * room's lane; when it cannot be stored, the member is told and {@code undo} runs instead.
   * The room stays in memory until the writer has answered, so a reload cannot miss it.
   */
  void persist(Room r, Member m, String ref, Consumer<MessageStore> change, Runnable then) {
    boolean queued = persist(r, change, then, () ->
        m.reject(ErrorCode.INTERNAL, "the change to " + r.name + " could not be stored", ref));
    if (!queued) {
      RoomHub.busy(m, ref);
    }
  }

  /** As above, running {@code failed} when it is not stored; {@code false} when not even queued. */
  private boolean persist(Room r, Consumer<MessageStore> change, Runnable then, Runnable failed) {
    boolean queued = committer.submitChange(change, failure -> lanes.execute(r.name, () -> {
      r.stored();
      (failure == null ? then : failed).run();
    }));
    if (queued) {
      r.storing();
    }
    return queued;
  }
}
