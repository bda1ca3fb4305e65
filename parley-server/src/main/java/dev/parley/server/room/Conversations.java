package dev.parley.server.room;

import dev.parley.protocol.EncodedFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.Names;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.cluster.Broker;
import dev.parley.server.cluster.ClusterEvent;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * What people do in a room besides sending: say they are typing, mark it read, set its topic.
 * Each runs on the room's lane; read markers and topics are stored by the store's writer first,
 * then told to whoever needs them here and, in a cluster, on the other nodes.
 */
final class Conversations {
  private final LiveRooms rooms;
  private final RoomLanes lanes;
  private final FrameCodec codec;
  private final PolicyWrites writes;
  private final Broker broker;
  private volatile Function<String, List<? extends Member>> accountConnections = identity -> List.of();

  Conversations(LiveRooms rooms, RoomLanes lanes, FrameCodec codec, PolicyWrites writes, Broker broker) {
    this.rooms = rooms;
    this.lanes = lanes;
    this.codec = codec;
    this.writes = writes;
    this.broker = broker;
  }

  /** Where the connections of one account (by identity) on this node are found. */
  void accountConnections(Function<String, List<? extends Member>> connections) {
    this.accountConnections = connections;
  }

  /** On the room's lane: {@code m} is typing; the other users in the room hear of it. */
  void typing(Room r, Member m, String ref) {
    if (!r.contains(m)) {
      m.reject(ErrorCode.NOT_IN_ROOM, "join " + r.name + " before typing in it", ref);
      return;
    }
    r.sendToOthers(m.userKey(), codec.encode(new ServerFrame.Typing(r.name, m.user())));
    if (broker.clustered()) {
      broker.publish(new ClusterEvent.Typing(broker.node(), r.name, m.userKey(), m.user()));
    }
  }

  /**
   * On the room's lane: moves {@code m}'s user's read marker up to {@code id}. An account's is
   * stored first, then told to its other connections (here and on other nodes); a marker that
   * would move back changes nothing and tells nobody. A guest's is kept by its connection only.
   */
  void markRead(Room r, Member m, long id, String ref) {
    if (id > r.last()) {
      m.reject(ErrorCode.BAD_REQUEST, "no message " + id + " in " + r.name + " yet (last is " + r.last() + ")", ref);
      return;
    }
    if (!m.isRegistered()) {
      m.readMoved(r.name, id);
      return;
    }
    String identity = m.identity();
    AtomicBoolean moved = new AtomicBoolean();
    writes.persist(r, m, ref, store -> moved.set(store.markRead(identity, r.name, id)), () -> {
      if (moved.get()) {
        readMovedHere(r, identity, id, m);
        if (broker.clustered()) {
          broker.publish(new ClusterEvent.ReadMarked(broker.node(), identity, r.name, id));
        }
      }
    });
  }

  /**
   * On the room's lane: every connection of the account here learns the new marker, and those
   * in the room but {@code from} (the connection that read) are sent it.
   */
  private void readMovedHere(Room r, String identity, long id, Member from) {
    EncodedFrame frame = codec.encode(new ServerFrame.Read(r.name, id));
    for (Member c : accountConnections.apply(identity)) {
      c.readMoved(r.name, id);
      if (c != from && r.contains(c)) {
        c.send(frame);
      }
    }
  }

  /**
   * On the room's lane: an owner sets the topic ({@code ""} clears it). Stored first; then the
   * setter gets the {@code topic} frame with its ref, and everyone else in the room without.
   */
  void setTopic(Room r, Member m, String text, String ref) {
    if (Names.isDirect(r.name) || !r.owners.contains(m.userKey())) {
      m.reject(ErrorCode.FORBIDDEN, "only an owner of " + r.name + " may set its topic", ref);
      return;
    }
    writes.storeFirstOwner(r, m, ref); // an owner's change keeps its meaning after a restart
    writes.persist(r, m, ref, store -> store.setTopic(r.name, text, m.user()), () -> {
      if (broker.clustered()) { // before the answer: the others know by the time the owner does
        broker.publish(new ClusterEvent.TopicSet(broker.node(), r.name, text, m.user()));
      }
      topicSet(r, text, m.user(), m);
      m.send(codec.encode(new ServerFrame.Topic(r.name, text, m.user(), ref)));
    });
  }

  /** On the room's lane: the topic is now {@code text}; everyone here but {@code setter} is told. */
  private void topicSet(Room r, String text, String by, Member setter) {
    r.topic = text.isEmpty() ? null : text;
    r.sendToAllBut(setter, codec.encode(new ServerFrame.Topic(r.name, text, by, null)));
  }

  /** The broker's thread: typing, a read marker or a topic from another node. */
  void elsewhere(ClusterEvent event) {
    if (event instanceof ClusterEvent.Typing t) {
      inLiveRoom(t.room(), r -> r.sendToOthers(t.userKey(), codec.encode(new ServerFrame.Typing(r.name, t.user()))));
    } else if (event instanceof ClusterEvent.ReadMarked read) {
      // Every connection of the account learns it (for a later join); those in the room are told.
      accountConnections.apply(read.identity()).forEach(c -> c.readMoved(read.room(), read.id()));
      inLiveRoom(read.room(), r -> readMovedHere(r, read.identity(), read.id(), null));
    } else if (event instanceof ClusterEvent.TopicSet topic) {
      inLiveRoom(topic.room(), r -> topicSet(r, topic.text(), topic.by(), null));
    }
  }

  /** Runs {@code action} on the room's lane if it is in memory (a room loaded later reads the store). */
  private void inLiveRoom(String room, java.util.function.Consumer<Room> action) {
    if (rooms.get(room) == null) {
      return;
    }
    lanes.execute(room, () -> {
      Room r = rooms.get(room);
      if (r != null) {
        r.whenLoaded(new Room.Work(action, () -> {}));
      }
    });
  }
}
