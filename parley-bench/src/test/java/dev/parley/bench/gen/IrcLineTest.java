package dev.parley.bench.gen;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IrcLineTest {

  private static ByteBuf line(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
  }

  @Test
  void aChannelMessageIsRecognisedAndItsStampRead() {
    ByteBuf line = line(":b12!bench@127.0.0.1 PRIVMSG #room-3 :4.123456789");
    assertThat(IrcLine.isPrivmsg(line)).isTrue();
    List<Long> read = new ArrayList<>();
    assertThat(Stamp.read(line, IrcLine.trailingStart(line), (step, nanos) -> {
      read.add((long) step);
      read.add(nanos);
    })).isTrue();
    assertThat(read).containsExactly(4L, 123456789L);
    assertThat(IrcLine.param(line, 0)).isEqualTo("#room-3");
  }

  @Test
  void theCommandIsFoundWithOrWithoutAPrefix() {
    assertThat(IrcLine.command(line(":bench.parley.local 001 b1 :Welcome"))).isEqualTo("001");
    assertThat(IrcLine.command(line("PING :bench.parley.local"))).isEqualTo("PING");
    assertThat(IrcLine.command(line("ERROR :Closing link: (bench@127.0.0.1) [Excess Flood]"))).isEqualTo("ERROR");
    assertThat(IrcLine.command(line(":onlyaprefix"))).isEmpty();
    assertThat(IrcLine.command(line(""))).isEmpty();
  }

  @Test
  void onlyPrivmsgItselfIsAChannelMessage() {
    assertThat(IrcLine.isPrivmsg(line("PRIVMSG #r :1.2"))).isTrue();
    assertThat(IrcLine.isPrivmsg(line(":x NOTICE #r :1.2"))).isFalse();
    assertThat(IrcLine.isPrivmsg(line(":x PRIVMSGS #r :1.2"))).isFalse();
    assertThat(IrcLine.isPrivmsg(line(":x PRIV"))).isFalse();
    assertThat(IrcLine.isPrivmsg(line(":server.name 366 b1 #PRIVMSG :End of /NAMES list."))).isFalse();
  }

  @Test
  void theTrailingParameterStartsAfterTheFirstSpaceColonPastThePrefix() {
    assertThat(IrcLine.trailing(line(":a!b@c PRIVMSG #r :text with : colons"))).isEqualTo("text with : colons");
    assertThat(IrcLine.trailing(line("PING :token"))).isEqualTo("token");
    assertThat(IrcLine.trailing(line(":server 353 b1 = #r"))).isEmpty();
    assertThat(IrcLine.trailingStart(line(":server 353 b1 = #r"))).isEqualTo(-1);
  }

  @Test
  void parametersAreCountedFromTheCommandAndStopAtTheTrailingOne() {
    ByteBuf line = line(":bench.parley.local 366 b7 #room-1 :End of /NAMES list.");
    assertThat(IrcLine.param(line, 0)).isEqualTo("b7");
    assertThat(IrcLine.param(line, 1)).isEqualTo("#room-1");
    assertThat(IrcLine.param(line, 2)).isEmpty();
  }

  @Test
  void aReaderIndexPastTheStartIsRespected() {
    ByteBuf buf = line("junk:b1!u@h PRIVMSG #r :0.5");
    buf.readerIndex(4);
    assertThat(IrcLine.isPrivmsg(buf)).isTrue();
    assertThat(IrcLine.trailing(buf)).isEqualTo("0.5");
  }
}
