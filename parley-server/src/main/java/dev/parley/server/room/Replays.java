package dev.parley.server.room;

import dev.parley.protocol.FrameCodec;
import java.util.List;

/**
 * Drives members' replays (see {@link Replay}) on their rooms' lanes: sends what a member takes,
 * reads the next page on the read pool, waits until the member can take more, and switches it
 * to live delivery once it has caught up. The room's {@code last} moves only on its lane and
 * only after a commit, so a replay that reached it has missed nothing, and everything stored
 * later is delivered live.
 */
final class Replays {
  private final RoomLanes lanes;
  private final StoreReads reads;
  private final FrameCodec codec;

  Replays(RoomLanes lanes, StoreReads reads, FrameCodec codec) {
    this.lanes = lanes;
    this.reads = reads;
    this.codec = codec;
  }

  /**
   * On the room's lane: replays the stored messages after {@code after} to {@code m}, in place
   * of any replay it had, then delivers live (at once, when there is nothing to replay).
   */
  void start(Room r, Member m, long after, String ref) {
    Replay replay = r.replayFrom(m, after, ref);
    if (replay != null) {
      advance(r, replay);
    }
  }

  private void advance(Room r, Replay replay) {
    if (!r.isReplaying(replay)) {
      return; // the member left, went, or joined again: this replay's reads stop here
    }
    switch (replay.advance(r.last())) {
      case READ -> readPage(r, replay);
      case WAIT_UNTIL_WRITABLE ->
          replay.member.whenWritable(() -> lanes.execute(r.name, () -> advance(r, replay)));
      case LIVE -> r.live(replay);
    }
  }

  /** Reads and encodes a page on the read pool; a failed read ends the replay (the member heard). */
  private void readPage(Room r, Replay replay) {
    long after = replay.cursor();
    long upTo = replay.pageEnd(r.last());
    reads.run(replay.member, replay.ref, store -> {
          List<Replay.Entry> page = store.range(r.name, after, upTo, Replay.PAGE_SIZE).stream()
              .map(s -> new Replay.Entry(s.id(), codec.encode(RoomHub.msg(s))))
              .toList();
          lanes.execute(r.name, () -> {
            replay.read(page, upTo);
            advance(r, replay);
          });
        },
        () -> lanes.execute(r.name, () -> r.live(replay)));
  }
}
