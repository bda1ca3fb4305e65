package dev.parley.server.room;

import dev.parley.protocol.EncodedFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.Moderation;
import dev.parley.protocol.Names;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.cluster.Broker;
import dev.parley.server.cluster.ClusterEvent;

/**
 * Owners' kicks, bans, unbans and ops: checked and applied on the room's lane, stored first by
 * the store's writer (all but a kick), then told to the other nodes of a cluster, which apply
 * them to their own connections.
 */
final class Moderator {
  private final LiveRooms rooms;
  private final RoomLanes lanes;
  private final FrameCodec codec;
  private final PolicyWrites policyWrites;
  private final Broker broker;
  private final ClusterPresence presence;

  Moderator(LiveRooms rooms, RoomLanes lanes, FrameCodec codec, PolicyWrites policyWrites, Broker broker,
      ClusterPresence presence) {
    this.rooms = rooms;
    this.lanes = lanes;
    this.codec = codec;
    this.policyWrites = policyWrites;
    this.broker = broker;
    this.presence = presence;
  }

  /**
   * An owner's kick, ban, unban or op, on the room's lane: stored by the store's writer, then
   * applied and answered back on the lane (a kick stores nothing and is applied at once). A
   * kicked or banned user's connections leave the room and are told why.
   */
  void moderate(Room r, Member by, Moderation action, String user, String ref) {
    String room = r.name;
    String target = Names.key(user);
    if (Names.isDirect(room) || !r.owners.contains(by.userKey())) {
      by.reject(ErrorCode.FORBIDDEN, "only an owner of " + room + " may " + action.wireName(), ref);
      return;
    }
    if ((action == Moderation.KICK || action == Moderation.BAN) && r.owners.contains(target)) {
      by.reject(ErrorCode.FORBIDDEN, "an owner cannot be kicked or banned", ref);
      return;
    }
    Runnable done = () -> {
      apply(r, action, target, by.user());
      if (broker.clustered()) { // before the answer: the others know by the time the owner does
        broker.publish(new ClusterEvent.Moderated(broker.node(), room, action.name(), target, by.user()));
      }
      by.send(codec.encode(new ServerFrame.Moderated(ref, room, user, action)));
    };
    if (action != Moderation.KICK) {
      policyWrites.storeFirstOwner(r, by, ref); // what an owner stores keeps its meaning after a restart
    }
    switch (action) {
      case KICK -> done.run();
      case BAN -> policyWrites.persist(r, by, ref, store -> store.setBanned(room, target, true), done);
      case UNBAN -> policyWrites.persist(r, by, ref, store -> store.setBanned(room, target, false), done);
      case OP -> policyWrites.persist(r, by, ref, store -> store.addOwner(room, target), done);
    }
  }

  /** On the room's lane: a moderation, stored if it is stored at all, takes effect here. */
  private void apply(Room r, Moderation action, String target, String byName) {
    switch (action) {
      case KICK -> removeAll(r, target, byName, action);
      case BAN -> {
        r.banned.add(target);
        removeAll(r, target, byName, action);
      }
      case UNBAN -> r.banned.remove(target);
      case OP -> r.owners.add(target);
    }
  }

  /** The broker's thread: an owner moderated on another node; its effect reaches this one's. */
  void moderatedElsewhere(ClusterEvent.Moderated e) {
    if (rooms.get(e.room()) == null) {
      return; // not in memory: loading it reads the stored owners and bans
    }
    Moderation action = Moderation.valueOf(e.action());
    lanes.execute(e.room(), () -> {
      Room r = rooms.get(e.room());
      if (r != null) {
        r.whenLoaded(new Room.Work(loaded -> apply(loaded, action, e.userKey(), e.by()), () -> {}));
      }
    });
  }

  private void removeAll(Room r, String target, String byName, Moderation action) {
    EncodedFrame kicked = codec.encode(new ServerFrame.Kicked(r.name, byName, action));
    for (Member m : r.connectionsOf(target)) {
      m.send(kicked);
      m.removed(r.name);
      if (r.remove(m)) {
        presence.cameOrWent(r, m, ServerFrame.Presence.LEAVE);
      }
    }
  }
}
