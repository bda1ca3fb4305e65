package dev.parley.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ServerFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationTest {
  private final Conversation conversation = new Conversation("lobby");

  private static ServerFrame.Msg msg(long id) {
    return new ServerFrame.Msg("lobby", id, "alice", "m" + id, 1000 + id);
  }

  @Test
  void eachIdIsShownOnceInIdOrderWhicheverWayItCame() {
    conversation.add(msg(60));
    conversation.add(msg(61));
    int added = conversation.addAll(List.of(msg(58), msg(59), msg(60)));
    conversation.add(msg(61));

    assertThat(added).isEqualTo(2);
    assertThat(conversation.messages()).extracting(ServerFrame.Msg::id).containsExactly(58L, 59L, 60L, 61L);
  }

  @Test
  void olderHistoryExistsUntilTheFirstIdIsShown() {
    conversation.add(msg(3));
    assertThat(conversation.hasOlder()).isTrue();

    conversation.addAll(List.of(msg(1), msg(2)));
    assertThat(conversation.hasOlder()).isFalse();
    assertThat(conversation.startLoadingOlder()).isFalse();
  }

  @Test
  void onlyOneOlderPageIsAskedForAtATime() {
    conversation.add(msg(100));

    assertThat(conversation.startLoadingOlder()).isTrue();
    assertThat(conversation.startLoadingOlder()).isFalse();
    conversation.olderLoaded();
    assertThat(conversation.startLoadingOlder()).isTrue();
  }

  @Test
  void anAcknowledgedLineGivesWayWhenItsMessageArrives() {
    conversation.addPending(new PendingLine(1, "alice", "hi", 5));
    conversation.acknowledged(1, 9);
    assertThat(conversation.pending()).hasSize(1);

    conversation.add(msg(9));
    assertThat(conversation.pending()).isEmpty();
  }

  @Test
  void aLineAcknowledgedAfterItsMessageArrivedGoesAtOnce() {
    conversation.addPending(new PendingLine(1, "alice", "hi", 5));
    conversation.add(msg(9));
    conversation.acknowledged(1, 9);

    assertThat(conversation.pending()).isEmpty();
    assertThat(conversation.messages()).hasSize(1);
  }
}
