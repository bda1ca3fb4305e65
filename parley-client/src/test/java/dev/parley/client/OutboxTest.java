package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.transport.Link;
import dev.parley.protocol.ClientFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboxTest {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final List<ClientFrame> wire = new ArrayList<>();
  private final Outbox outbox = new Outbox(timer, 1000);

  @AfterEach
  void stopTimer() {
    timer.shutdownNow();
  }

  private final Link link = new Link() {
    @Override
    public void open() {}

    @Override
    public void send(ClientFrame frame) {
      wire.add(frame);
    }

    @Override
    public void close() {}

    @Override
    public void setReading(boolean reading) {}
  };

  private static ClientFrame send(int n) {
    return new ClientFrame.Send("lobby", "m" + n, "r" + n);
  }

  @Test
  void refusalsOfFramesAlreadyOnTheirWayHalveTheRateOnlyOnce() {
    outbox.attach(link);
    for (int i = 1; i <= 10; i++) {
      outbox.send(send(i));
    }
    for (int i = 1; i <= 10; i++) {
      outbox.retry(send(i));
    }
    assertThat(outbox.rate()).isCloseTo(500, org.assertj.core.data.Offset.offset(1.0));
  }

  @Test
  void aRefusalOfAFrameSentAfterSlowingDownHalvesTheRateAgain() {
    outbox.attach(link);
    outbox.send(send(1));
    outbox.retry(send(1));
    outbox.send(send(2));
    outbox.retry(send(2));

    assertThat(outbox.rate()).isCloseTo(250, org.assertj.core.data.Offset.offset(1.0));
  }

  @Test
  void framesWaitWhileThereIsNoConnectionAndAreDroppedWithIt() {
    outbox.send(send(1));
    outbox.attach(link);
    outbox.detach();
    outbox.send(send(2));

    assertThat(wire).isEmpty();
  }
}
