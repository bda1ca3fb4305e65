package dev.parley.server.room;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.Moderation;
import dev.parley.protocol.Names;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.cluster.Broker;
import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.store.Appended;
import dev.parley.server.store.GroupCommitter;
import dev.parley.server.store.NewMessage;
import dev.parley.server.store.StoreException;
import dev.parley.server.store.StoredMessage;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Routes each room operation to the room's lane. A send goes lane → group committer → lane
 * (each lane gets one task per commit for all its rooms' results):
 * the store gives the id, and only after the commit does the lane ack the sender and fan the
 * once-encoded {@code msg} out to the members. Store reads run on the read pool and hand their
 * results back to the lane.
 */
public final class RoomHub implements AutoCloseable {
  public static final int DEFAULT_REPLAY = 50;
  public static final int MAX_REPLAY = 1000;

  private final RoomLanes lanes;
  private final GroupCommitter committer;
  /** The store's answers on their way to the lanes: one task per lane per commit. Writer thread only. */
  private final RoomLanes.Handoff storedResults;
  private final StoreReads reads;
  private final FrameCodec codec;
  private final ServerMetrics metrics;
  private final int maxRoomMembers;
  private final LiveRooms rooms;
  private final Replays replays;
  private final PolicyWrites policyWrites;
  private final ClusterFeed feed;
  private final ClusterPresence cluster;
  private final Moderator moderator;
  private final Broker broker;
  private final RoomQueries queries;
  private final Conversations conversations;
  private volatile Function<String, List<? extends Member>> localParticipants = room -> List.of();

  public RoomHub(
      int laneCount,
      int maxLaneBacklog,
      GroupCommitter committer,
      StoreReads reads,
      FrameCodec codec,
      ServerMetrics metrics,
      int maxRoomMembers,
      Duration roomIdle,
      Broker broker) {
    this.lanes = new RoomLanes(laneCount, maxLaneBacklog);
    this.rooms = new LiveRooms(lanes, reads, roomIdle, broker.clustered());
    this.replays = new Replays(lanes, reads, codec);
    this.policyWrites = new PolicyWrites(lanes, committer);
    this.broker = broker;
    this.cluster = new ClusterPresence(rooms, lanes, codec, broker);
    this.moderator = new Moderator(rooms, lanes, codec, policyWrites, broker, cluster);
    this.conversations = new Conversations(rooms, lanes, codec, policyWrites, broker);
    this.feed = new ClusterFeed(
        rooms, lanes, reads, codec, metrics, broker, cluster, this::newsElsewhere, this::directElsewhere);
    this.committer = committer;
    this.storedResults = lanes.handoff();
    committer.afterEachBatch(storedResults::flush);
    this.reads = reads;
    this.codec = codec;
    this.metrics = metrics;
    this.maxRoomMembers = maxRoomMembers;
    this.queries = new RoomQueries(lanes, rooms, reads, codec, cluster);
  }

  /** Where the connections of a private conversation's two users on this node are found. */
  public void localParticipants(Function<String, List<? extends Member>> participants) {
    this.localParticipants = participants;
  }

  /** Where the connections of one account (by identity) on this node are found. */
  public void accountConnections(Function<String, List<? extends Member>> connections) {
    conversations.accountConnections(connections);
  }

  /** The broker's thread: moderation, typing, a read marker or a topic from another node. */
  private void newsElsewhere(dev.parley.server.cluster.ClusterEvent event) {
    if (event instanceof dev.parley.server.cluster.ClusterEvent.Moderated m) {
      moderator.moderatedElsewhere(m);
    } else {
      conversations.elsewhere(event);
    }
  }

  /**
   * A message of a private conversation stored on another node: the two users' connections
   * here join the conversation, as they would for a {@code dm} sent here, and get it (from the
   * store, when the room's newest id here is past it already).
   */
  private void directElsewhere(StoredMessage s) {
    List<? extends Member> here = localParticipants.apply(s.room());
    if (here.isEmpty()) {
      return;
    }
    rooms.admit(s.room(), r -> {
      for (Member p : here) {
        if (!r.contains(p)) {
          r.add(p);
          p.attached(r.name);
          replays.start(r, p, s.id() - 1, null);
        }
      }
      feed.offer(r, s);
    }, () -> {});
  }

  /** In a cluster, before serving: learns who is where on the other nodes. */
  public void awaitCluster() {
    cluster.awaitOthers();
  }

  /** Messages read from the store to fill gaps left by the broker, so far. */
  public long gapsFilled() {
    return feed.filled();
  }

  /** How old the newest message from another node was on arrival, in milliseconds. */
  public long clusterLagMillis() {
    return feed.lagMillis();
  }

  /** How many rooms are live in memory now. */
  public int liveRooms() {
    return rooms.size();
  }

  /**
   * Joins {@code m} to a room: {@code joined}, then the replay, then live messages. Nothing at
   * or below {@code readableAfter} is replayed (a private conversation an earlier account of
   * the member's name took part in).
   */
  public void join(Member m, String room, Long since, long readableAfter, String ref) {
    Runnable refused = () -> m.joinAnswered(room, false);
    withRoom(m, room, ref, refused, r -> {
      if (!r.contains(m) && r.memberCount() >= maxRoomMembers) {
        refused.run();
        m.reject(ErrorCode.FORBIDDEN, "room " + room + " is full", ref);
        return;
      }
      afterBanCheck(r, m, () -> joinUnlessBanned(r, m, since, readableAfter, ref, refused));
    });
  }

  /**
   * On the room's lane: runs {@code then} there once what memory says of {@code m}'s ban can be
   * trusted. In a cluster a ban held in memory is read again from the store first: it may have
   * been lifted on another node a moment ago.
   */
  private void afterBanCheck(Room r, Member m, Runnable then) {
    if (r.banned.contains(m.userKey()) && broker.clustered()) {
      reads.load(store -> store.policy(r.name), policy -> lanes.execute(r.name, () -> {
        r.banned.retainAll(policy.banned());
        then.run();
      }), () -> lanes.execute(r.name, then));
      return;
    }
    then.run();
  }

  /** On the room's lane: the rest of {@link #join}, from the ban on. */
  private void joinUnlessBanned(Room r, Member m, Long since, long readableAfter, String ref, Runnable refused) {
    String room = r.name;
    if (r.banned.contains(m.userKey())) {
      refused.run();
      m.reject(ErrorCode.FORBIDDEN, "you are banned from " + room, ref);
      return;
    }
    claimIfFirst(r, m, ref, () -> admit(r, m, since, readableAfter, ref), refused);
  }

  /**
   * On the room's lane: the first registered user in a public room without owners owns it, then
   * {@code then} runs on the lane ({@code refused} instead if a cluster's claim cannot be
   * stored, {@code m} told).
   */
  private void claimIfFirst(Room r, Member m, String ref, Runnable then, Runnable refused) {
    if (r.owners.isEmpty() && m.isRegistered() && !Names.isDirect(r.name)) {
      if (broker.clustered()) {
        // Another node may have a first owner for the room too: the store decides, at once.
        policyWrites.claimFirstOwner(r, m, ref, then, refused);
        return;
      }
      // The first registered user in claims the room at once (the joined frame says so); the
      // claim is stored now if the room is, else with the room's first message.
      r.owners.add(m.userKey());
      r.ownerToStore = m.userKey();
      if (r.last() > 0) {
        policyWrites.storeFirstOwner(r, m, ref);
      }
    }
    then.run();
  }

  /** On the room's lane: puts a member allowed in, answers {@code joined}, starts its replay. */
  private void admit(Room r, Member m, Long since, long readableAfter, String ref) {
    String room = r.name;
    if (r.add(m)) {
      cluster.cameOrWent(r, m, ServerFrame.Presence.JOIN);
    }
    m.joinAnswered(room, true);
    long last = r.last();
    long from = Math.max(readableAfter,
        since == null ? Math.max(0, last - DEFAULT_REPLAY) : Math.min(since, last));
    boolean truncated = last - from > MAX_REPLAY;
    long after = Math.max(from, last - MAX_REPLAY);
    m.send(codec.encode(new ServerFrame.Joined(
        room, r.memberNames(cluster.usersElsewhere(room)), last, truncated, List.copyOf(r.owners),
        Math.min(m.readUpTo(room), last), r.topic, ref)));
    replays.start(r, m, after, ref);
  }

  /** Joins {@code m} without a reply or replay (a private conversation, at login). */
  public void attach(Member m, String room) {
    withRoom(m, room, null, () -> m.joinAnswered(room, false), r -> {
      if (r.add(m)) {
        cluster.cameOrWent(r, m, ServerFrame.Presence.JOIN);
      }
      m.joinAnswered(room, true);
    });
  }

  /**
   * Leaves a room at the member's request and answers {@code left}, or {@code not_in_room} when
   * the member is not in it (by the time the lane gets to it: the answer follows the member's
   * earlier joins and leaves in order).
   */
  public void leave(Member m, String room, String ref) {
    lanes.execute(room, () -> removeWhenLoaded(m, room, wasIn -> {
      m.removed(room);
      if (wasIn) {
        m.send(codec.encode(new ServerFrame.Left(room, ref)));
      } else {
        m.reject(ErrorCode.NOT_IN_ROOM, "not in room " + room, ref);
      }
    }));
  }

  /** Removes a member that has gone; no reply. */
  public void drop(Member m, String room) {
    lanes.execute(room, () -> removeWhenLoaded(m, room, wasIn -> {}));
  }

  /**
   * Takes {@code m} out of a room once earlier work for the room is done (a join waiting for the
   * room to load comes first), then tells {@code then} whether it was in.
   */
  private void removeWhenLoaded(Member m, String room, Consumer<Boolean> then) {
    Room r = rooms.get(room);
    if (r == null) {
      then.accept(false);
      return;
    }
    r.whenLoaded(new Room.Work(loaded -> {
      boolean wasIn = loaded.contains(m);
      if (loaded.remove(m)) {
        cluster.cameOrWent(loaded, m, ServerFrame.Presence.LEAVE);
      }
      then.accept(wasIn);
    }, () -> then.accept(false)));
  }

  public void send(Member m, String room, String text, String ref) {
    withRoom(m, room, ref, r -> {
      if (!r.contains(m)) {
        m.reject(ErrorCode.NOT_IN_ROOM, "join " + room + " before sending to it", ref);
        return;
      }
      append(r, m, text, ref);
    });
  }

  /**
   * A send from someone who has no connection in the room (the HTTP API, UDP). Posting needs no
   * join, and the poster is never put in the room; otherwise it is as a join and a send: a room
   * that does not exist yet is created (its first registered poster owns it, as its first
   * joiner would), a banned user is refused {@code forbidden}, a private conversation is only its
   * two users', and the message is stored, acknowledged and fanned out as any other. {@code m}
   * gets exactly one answer: the {@code ack} or an error.
   */
  public void post(Member m, String room, String text, String ref) {
    if (Names.isDirect(room) && !Names.isParticipant(room, m.userKey())) {
      m.reject(ErrorCode.FORBIDDEN, "that private conversation is not yours", ref);
      return;
    }
    withRoom(m, room, ref, r -> afterBanCheck(r, m, () -> {
      if (r.banned.contains(m.userKey())) {
        m.reject(ErrorCode.FORBIDDEN, "you are banned from " + room, ref);
        return;
      }
      claimIfFirst(r, m, ref, () -> append(r, m, text, ref), () -> {});
    }));
  }

  /**
   * Sends in a private conversation, first joining every given connection of its two users to
   * it (each is told through {@link Member#attached}).
   */
  public void sendDirect(
      Member m, String room, Collection<? extends Member> participants, String text, String ref) {
    withRoom(m, room, ref, () -> m.joinAnswered(room, false), r -> {
      for (Member p : participants) {
        if (!r.contains(p)) {
          if (r.add(p)) {
            cluster.cameOrWent(r, p, ServerFrame.Presence.JOIN);
          }
          if (p != m) {
            p.attached(room);
          }
        }
      }
      m.joinAnswered(room, r.contains(m));
      append(r, m, text, ref);
    });
  }

  /**
   * An edit ({@code editOf}) or delete ({@code deleteOf}) of an earlier message of the room, by
   * a member in it: stored as a new message, acknowledged and fanned out like a send. The store
   * checks the target as it stores it; an owner may delete anyone's.
   */
  public void amend(Member m, String room, long editOf, long deleteOf, String text, String ref) {
    withRoom(m, room, ref, r -> {
      if (!r.contains(m)) {
        m.reject(ErrorCode.NOT_IN_ROOM, "join " + room + " before changing its messages", ref);
        return;
      }
      boolean byOwner = r.owners.contains(m.userKey());
      append(r, m, new NewMessage(room, m.user(), m.identity(), text, ref, m.isBot(), editOf, deleteOf, byOwner));
    });
  }

  /** {@code m} is typing in a room it is in (see {@link Conversations#typing}). */
  public void typing(Member m, String room, String ref) {
    withRoom(m, room, ref, r -> conversations.typing(r, m, ref));
  }

  /** Moves {@code m}'s user's read marker of a room (see {@link Conversations#markRead}). */
  public void markRead(Member m, String room, long id, String ref) {
    withRoom(m, room, ref, r -> conversations.markRead(r, m, id, ref));
  }

  /** An owner sets a room's topic (see {@link Conversations#setTopic}). */
  public void setTopic(Member m, String room, String text, String ref) {
    withRoom(m, room, ref, r -> conversations.setTopic(r, m, text, ref));
  }

  /** Full-text search of a room (see {@link RoomQueries#search}). */
  public void search(Member m, String room, List<String> words, long readableAfter, int limit, String ref) {
    queries.search(m, room, words, readableAfter, limit, ref);
  }

  /** The names of the room's users (see {@link RoomQueries#who}). */
  public void who(Member m, String room, String ref) {
    queries.who(m, room, ref);
  }

  /** The public rooms, busiest first (see {@link RoomQueries#listRooms}). */
  public void listRooms(Member m, String ref) {
    queries.listRooms(m, ref);
  }

  /** A page of history, never reaching down to {@code readableAfter} (see {@link #join}). */
  public void history(Member m, String room, Long before, int limit, long readableAfter, String ref) {
    queries.history(m, room, before, limit, readableAfter, ref);
  }

  /** The messages after {@code since}, for a reader with no connection (see {@link RoomQueries#messagesAfter}). */
  public void messagesAfter(Member m, String room, long since, int limit) {
    queries.messagesAfter(m, room, since, limit);
  }

  /** On the room's lane: hands a message to the group committer. */
  private void append(Room r, Member m, String text, String ref) {
    append(r, m, new NewMessage(r.name, m.user(), m.identity(), text, ref, m.isBot()));
  }

  private void append(Room r, Member m, NewMessage message) {
    String room = r.name;
    String ref = message.ref();
    boolean queued = committer.submit(message, (appended, failure) ->
        storedResults.add(room, () -> stored(m, room, ref, appended, failure)));
    if (queued) {
      r.storing();
    } else {
      busy(m, ref);
    }
  }

  /** On the room's lane, once the store has answered: ack, then fan out. */
  private void stored(Member m, String room, String ref, Appended appended, StoreException failure) {
    Room r = rooms.get(room); // in memory still: a room with a message on its way stays
    if (r != null) {
      r.stored();
    }
    if (failure != null) {
      m.reject(ErrorCode.INTERNAL, "the message could not be stored and was not sent", ref);
      return;
    }
    if (appended.refused() != null) {
      refused(m, appended.refused(), ref);
      return;
    }
    StoredMessage s = appended.message();
    m.send(codec.encode(new ServerFrame.Ack(ref, room, s.id(), s.ts())));
    if (!appended.duplicate() && r != null) {
      metrics.messageStored();
      feed.storedHere(r, s);
      policyWrites.storeFirstOwner(r, m, ref);
    }
  }

  /** Admits client work for a room and runs it on the room's lane once the room is loaded. */
  private void withRoom(Member m, String room, String ref, Consumer<Room> action) {
    withRoom(m, room, ref, () -> {}, action);
  }

  /** As above, running {@code refused} first when the work is refused (busy or unavailable). */
  private void withRoom(Member m, String room, String ref, Runnable refused, Consumer<Room> action) {
    Runnable unavailable = () -> {
      refused.run();
      m.reject(ErrorCode.INTERNAL, "room " + room + " is unavailable, try again", ref);
    };
    if (!rooms.admit(room, action, unavailable)) {
      refused.run();
      busy(m, ref);
    }
  }

  /**
   * An owner's kick, ban, unban or op, on the room's lane (see {@link Moderator}).
   */
  public void moderate(Member by, Moderation action, String room, String user, String ref) {
    withRoom(by, room, ref, r -> moderator.moderate(r, by, action, user, ref));
  }

  /**
   * A user's room ownerships are gone (the account was deleted, or its name taken by a new
   * account): rooms in memory drop them too, each on its lane.
   */
  public void forgetOwner(String userKey) {
    rooms.all().forEach(r -> lanes.execute(r.name, () -> {
      r.owners.remove(userKey);
      if (userKey.equals(r.ownerToStore)) {
        r.ownerToStore = null;
      }
    }));
  }

  /** Answers an edit or delete the store refused. */
  private static void refused(Member m, Appended.Refusal why, String ref) {
    switch (why) {
      case NO_SUCH_MESSAGE -> m.reject(ErrorCode.BAD_REQUEST, "no such message in this room", ref);
      case NOT_AMENDABLE -> m.reject(ErrorCode.BAD_REQUEST, "an edit or a delete cannot itself be edited or deleted", ref);
      case DELETED -> m.reject(ErrorCode.BAD_REQUEST, "that message was deleted", ref);
      case NOT_YOURS -> m.reject(ErrorCode.FORBIDDEN, "only its author may edit a message, and only its author or an owner delete it", ref);
    }
  }

  static void busy(Member m, String ref) {
    m.reject(ErrorCode.RATE_LIMITED, "the server is busy, try again shortly", ref);
  }

  static ServerFrame.Msg msg(StoredMessage s) {
    return new ServerFrame.Msg(
        s.room(), s.id(), s.from(), s.text(), s.ts(), s.bot(), s.editOf(), s.deleteOf(), s.deleted());
  }

  @Override
  public void close() {
    feed.close();
    cluster.close();
    rooms.close();
    lanes.shutdown();
  }
}
