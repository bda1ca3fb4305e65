package dev.parley.server.room;

import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.Names;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.store.RoomInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The hub's questions that change nothing: who is in a room, which rooms there are, and pages of
 * history. Each answers its member once, from the room's lane or the read pool.
 */
final class RoomQueries {
  private final RoomLanes lanes;
  private final LiveRooms rooms;
  private final StoreReads reads;
  private final FrameCodec codec;
  private final ClusterPresence cluster;

  RoomQueries(RoomLanes lanes, LiveRooms rooms, StoreReads reads, FrameCodec codec, ClusterPresence cluster) {
    this.lanes = lanes;
    this.rooms = rooms;
    this.reads = reads;
    this.codec = codec;
    this.cluster = cluster;
  }

  /** The names of the users in the room, on this node and the others. */
  void who(Member m, String room, String ref) {
    Consumer<Room> answer = r -> {
      var elsewhere = cluster.usersElsewhere(room);
      List<String> names = r == null
          ? new java.util.TreeMap<>(elsewhere).values().stream().toList()
          : r.memberNames(elsewhere);
      m.send(codec.encode(new ServerFrame.Members(room, names, ref)));
    };
    boolean admitted = lanes.admit(room, () -> {
      Room r = rooms.get(room);
      if (r == null) {
        answer.accept(null); // nobody here: asking loads nothing
      } else {
        r.whenLoaded(new Room.Work(answer, () -> answer.accept(null))); // after joins ahead of it
      }
    });
    if (!admitted) {
      RoomHub.busy(m, ref);
    }
  }

  /**
   * The public rooms with their live member counts, busiest first: those stored (written to)
   * and those people are in now.
   */
  void listRooms(Member m, String ref) {
    reads.run(m, ref, store -> {
      Map<String, Integer> elsewhere = cluster.connectionsElsewhere();
      Map<String, ServerFrame.RoomSummary> listed = new HashMap<>();
      for (RoomInfo info : store.publicRooms(StoreReads.MAX_LISTED_ROOMS)) {
        Room live = rooms.get(info.name());
        int members = (live == null ? 0 : live.listedMembers) + elsewhere.getOrDefault(info.name(), 0);
        long last = live == null ? info.last() : Math.max(info.last(), live.listedLast);
        listed.put(info.name(), new ServerFrame.RoomSummary(info.name(), members, last));
      }
      for (Room live : rooms.all()) {
        if (live.listedMembers > 0 && !Names.isDirect(live.name)) {
          int members = live.listedMembers + elsewhere.getOrDefault(live.name, 0);
          listed.putIfAbsent(live.name, new ServerFrame.RoomSummary(live.name, members, live.listedLast));
        }
      }
      elsewhere.forEach((room, members) -> listed.computeIfAbsent(room, name -> {
        Room live = rooms.get(name);
        return new ServerFrame.RoomSummary(name, members, live == null ? 0 : live.listedLast);
      }));
      var summaries = listed.values().stream()
          .sorted((a, b) -> a.members() != b.members()
              ? Integer.compare(b.members(), a.members())
              : a.room().compareTo(b.room()))
          .limit(StoreReads.MAX_LISTED_ROOMS)
          .toList();
      m.send(codec.encode(new ServerFrame.RoomList(summaries, ref)));
    });
  }

  /** A page of history, never reaching down to {@code readableAfter} (see {@link RoomHub#join}). */
  void history(Member m, String room, Long before, int limit, long readableAfter, String ref) {
    reads.run(m, ref, store -> {
      var slice = store.before(room, readableAfter, before == null ? Long.MAX_VALUE : before, limit);
      var messages = slice.messages().stream().map(RoomHub::msg).toList();
      m.send(codec.encode(new ServerFrame.HistoryPage(ref, room, messages, slice.more())));
    });
  }

  /**
   * The room's messages whose newest text has every one of {@code words}, newest first, never
   * reaching down to {@code readableAfter} (see {@link dev.parley.server.store.MessageStore#search}).
   */
  void search(Member m, String room, List<String> words, long readableAfter, int limit, String ref) {
    reads.run(m, ref, store -> {
      var messages = store.search(room, words, readableAfter, limit).stream().map(RoomHub::msg).toList();
      m.send(codec.encode(new ServerFrame.SearchResults(ref, room, messages)));
    });
  }

  /**
   * The messages with ids above {@code since}, oldest first, at most {@code limit}, for a reader
   * with no connection (the HTTP API); {@code more} when newer ones exist. Ids are gapless, so
   * the page is one range of ids. In a private conversation an earlier account of the reader's
   * name took part in, what was before this account is left out (see {@link RoomHub#join}). {@code m}
   * gets the page's fields (no {@code type}) or an error; whether it may read the room is the
   * caller's to check.
   */
  void messagesAfter(Member m, String room, long since, int limit) {
    reads.run(m, null, store -> {
      long readableAfter = Names.isDirect(room) ? store.directFloors(m.userKey()).getOrDefault(room, 0L) : 0;
      long from = Math.max(since, readableAfter);
      long last = store.lastId(room);
      long upTo = from >= last ? from : from + Math.min(limit, last - from);
      var messages = upTo == from
          ? List.<ServerFrame.Msg>of()
          : store.range(room, from, upTo, limit).stream().map(RoomHub::msg).toList();
      m.send(codec.encodeFields(new ServerFrame.HistoryPage(null, room, messages, upTo < last)));
    });
  }
}
