package dev.parley.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.protocol.EncodedFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ServerFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** A replay sends only what the member's connection can take, page by page, then goes live. */
class ReplayTest {
  private static final FrameCodec CODEC = new FrameCodec();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TEXT = "x".repeat(1000);

  /** A connection that takes frames until it holds {@code limit} bytes, and is drained by the test. */
  private static final class Connection implements Member {
    final long limit;
    final List<Long> received = new ArrayList<>();
    long unsent;

    Connection(long limit) {
      this.limit = limit;
    }

    void drain() {
      unsent = 0;
    }

    @Override
    public boolean isWritable() {
      return unsent <= limit;
    }

    @Override
    public void send(EncodedFrame frame) {
      unsent += frame.line().length;
      try {
        received.add(JSON.readTree(frame.toString()).path("id").asLong());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void whenWritable(Runnable then) {
      throw new UnsupportedOperationException("the hub waits, not the replay");
    }

    @Override
    public String user() {
      return "ann";
    }

    @Override
    public String userKey() {
      return "ann";
    }

    @Override
    public boolean isBot() {
      return false;
    }

    @Override
    public boolean isRegistered() {
      return false;
    }

    @Override
    public String identity() {
      return "ann";
    }

    @Override
    public Executor executor() {
      return Runnable::run;
    }

    @Override
    public void reject(ErrorCode code, String message, String ref) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void attached(String room) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void joinAnswered(String room, boolean accepted) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void removed(String room) {
      throw new UnsupportedOperationException();
    }
  }

  private static List<Replay.Entry> page(long fromId, long toId) {
    List<Replay.Entry> entries = new ArrayList<>();
    for (long id = fromId; id <= toId; id++) {
      entries.add(new Replay.Entry(id, CODEC.encode(new ServerFrame.Msg("lobby", id, "bob", TEXT, 0))));
    }
    return entries;
  }

  private static List<Long> ids(long from, long to) {
    List<Long> ids = new ArrayList<>();
    for (long id = from; id <= to; id++) {
      ids.add(id);
    }
    return ids;
  }

  @Test
  void aReplayAsksForItsFirstPageOnlyWhenTheConnectionCanTakeMore() {
    Connection full = new Connection(10_000);
    full.unsent = 20_000;
    Replay replay = new Replay(full, 5, "r1");

    assertThat(replay.advance(500)).isEqualTo(Replay.Next.WAIT_UNTIL_WRITABLE);
    full.drain();
    assertThat(replay.advance(500)).isEqualTo(Replay.Next.READ);
    assertThat(replay.cursor()).isEqualTo(5);
    assertThat(full.received).isEmpty();
  }

  @Test
  void aPageIsSentOnlyWhileTheConnectionCanTakeMoreAndTheRestOnceItCan() {
    Connection slow = new Connection(10_000);
    Replay replay = new Replay(slow, 0, "r1");
    replay.read(page(1, Replay.PAGE_SIZE), replay.pageEnd(500));

    assertThat(replay.advance(500)).isEqualTo(Replay.Next.WAIT_UNTIL_WRITABLE);
    int first = slow.received.size();
    assertThat(slow.unsent).isBetween(10_000L, 10_000L + 1100);
    assertThat(replay.advance(500)).as("nothing more while it cannot take it").isEqualTo(Replay.Next.WAIT_UNTIL_WRITABLE);
    assertThat(slow.received).hasSize(first);

    while (replay.advance(500) == Replay.Next.WAIT_UNTIL_WRITABLE) {
      assertThat(slow.unsent).isLessThanOrEqualTo(10_000L + 1100);
      slow.drain();
    }

    assertThat(slow.received).containsExactlyElementsOf(ids(1, Replay.PAGE_SIZE));
    assertThat(replay.cursor()).isEqualTo(Replay.PAGE_SIZE);
  }

  @Test
  void theNextPageIsAskedForOnlyOnceTheConnectionCanTakeMore() {
    long allButLast = page(1, Replay.PAGE_SIZE - 1).stream().mapToLong(e -> e.frame().line().length).sum();
    Connection slow = new Connection(allButLast); // the page's last frame takes it over the limit
    Replay replay = new Replay(slow, 0, "r1");
    replay.read(page(1, Replay.PAGE_SIZE), replay.pageEnd(500));

    assertThat(replay.advance(500)).isEqualTo(Replay.Next.WAIT_UNTIL_WRITABLE);
    assertThat(slow.received).hasSize(Replay.PAGE_SIZE);
    slow.drain();
    assertThat(replay.advance(500)).isEqualTo(Replay.Next.READ);
    assertThat(replay.cursor()).isEqualTo(Replay.PAGE_SIZE);
  }

  @Test
  void aReplayThatReachesTheRoomsNewestIdGoesLiveAndOneThatIsBehindReadsOn() {
    Connection fast = new Connection(Long.MAX_VALUE);
    Replay replay = new Replay(fast, 0, "r1");
    replay.read(page(1, 10), 10);
    assertThat(replay.advance(15)).as("five arrived while the page was read").isEqualTo(Replay.Next.READ);
    assertThat(replay.cursor()).isEqualTo(10);

    replay.read(page(11, 15), 15);
    assertThat(replay.advance(15)).isEqualTo(Replay.Next.LIVE);
    assertThat(fast.received).containsExactlyElementsOf(ids(1, 15));
  }

  @Test
  void aShortPageSaysNothingElseIsStoredUpToWhereItWasRead() {
    Connection fast = new Connection(Long.MAX_VALUE);
    Replay replay = new Replay(fast, 0, "r1");
    replay.read(page(3, 4), 9);

    assertThat(replay.advance(9)).isEqualTo(Replay.Next.LIVE);
    assertThat(replay.cursor()).isEqualTo(9);
    assertThat(fast.received).containsExactly(3L, 4L);
  }

  @Test
  void aPageCoversAtMostPageSizeIdsAfterTheCursor() {
    Replay replay = new Replay(new Connection(Long.MAX_VALUE), 100, "r1");

    assertThat(replay.pageEnd(1000)).isEqualTo(100 + Replay.PAGE_SIZE);
    assertThat(replay.pageEnd(110)).isEqualTo(110);
  }
}
