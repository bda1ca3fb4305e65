package dev.parley.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader-idle events of Netty's IdleStateHandler, without the handler. */
class SilenceTest {
  private static final long HEARTBEAT_MS = 200;

  private final List<IdleStateEvent> events = new ArrayList<>();
  private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter() {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      events.add((IdleStateEvent) event);
    }
  });
  private final Silence silence = new Silence(HEARTBEAT_MS);

  @Test
  void aSilentConnectionHearsOfItOncePerHeartbeatFirstThenAgain() throws InterruptedException {
    silence.start(channel);
    channel.runScheduledPendingTasks();
    assertThat(events).isEmpty();

    afterAHeartbeat();
    assertThat(events).containsExactly(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);

    afterAHeartbeat();
    assertThat(events).containsExactly(
        IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT, IdleStateEvent.READER_IDLE_STATE_EVENT);
  }

  @Test
  void aReadStartsTheSilenceAnewAndMakesTheNextEventFirst() throws InterruptedException {
    silence.start(channel);
    afterAHeartbeat();
    events.clear();

    silence.heard();
    silence.readDone();
    channel.runScheduledPendingTasks();
    Thread.sleep(HEARTBEAT_MS / 2);
    channel.runScheduledPendingTasks();
    assertThat(events).isEmpty();

    afterAHeartbeat();
    assertThat(events).containsExactly(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
  }

  @Test
  void aReadStillInProgressIsNotSilence() throws InterruptedException {
    silence.start(channel);
    silence.heard();
    afterAHeartbeat();
    assertThat(events).isEmpty();
  }

  @Test
  void aStoppedSilenceSaysNothing() throws InterruptedException {
    silence.start(channel);
    silence.stop();
    afterAHeartbeat();
    assertThat(events).isEmpty();
  }

  private void afterAHeartbeat() throws InterruptedException {
    Thread.sleep(HEARTBEAT_MS + 20);
    channel.runScheduledPendingTasks();
  }
}
