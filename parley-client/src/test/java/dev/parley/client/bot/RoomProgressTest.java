package dev.parley.client.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoomProgressTest {
  @TempDir Path dir;

  private Map<String, Long> saved(Path file) {
    return new BotState(file).load();
  }

  @Test
  void aRoomsPlaceStaysBelowTheOldestReplyNotYetAcknowledged() {
    Path file = dir.resolve("bots/echo.json");
    RoomProgress progress = new RoomProgress(new BotState(file));
    progress.begin("lobby", 10);
    assertThat(saved(file)).containsEntry("lobby", 10L);

    progress.arrived("lobby", 11, true);
    progress.arrived("lobby", 12, false); // not to be answered
    progress.arrived("lobby", 13, true);
    assertThat(saved(file)).containsEntry("lobby", 10L);

    progress.finished("lobby", 13);
    assertThat(saved(file)).containsEntry("lobby", 10L);
    progress.finished("lobby", 11);
    assertThat(saved(file)).containsEntry("lobby", 13L);
    assertThat(dir.resolve("bots/echo.json.tmp")).doesNotExist();
  }

  @Test
  void aNewRunStartsWhereTheLastLeftOffAndSkipsWhatItFinished() {
    Path file = dir.resolve("echo.json");
    RoomProgress first = new RoomProgress(new BotState(file));
    first.begin("lobby", 0);
    first.arrived("lobby", 1, true);
    first.finished("lobby", 1);
    first.arrived("lobby", 2, true); // killed before its reply was acknowledged

    RoomProgress second = new RoomProgress(new BotState(file));
    assertThat(second.savedPlace("lobby")).isEqualTo(1L);
    assertThat(second.savedPlace("other")).isNull();
    assertThat(second.handled("lobby", 1)).isTrue();
    assertThat(second.handled("lobby", 2)).isFalse();
  }

  @Test
  void withoutAFileNothingIsWrittenAndNothingRemembered() {
    RoomProgress progress = new RoomProgress(new BotState(null));
    progress.begin("lobby", 5);
    assertThat(progress.handled("lobby", 5)).isTrue();
    assertThat(progress.handled("lobby", 6)).isFalse();
  }

  @Test
  void aStateFileThatIsNotABotsIsRefusedInOneLine() throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\"rooms\":{\"lobby\":\"x\"}}");
    assertThatThrownBy(() -> new BotState(file).load())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lobby");
    Files.writeString(file, "not json");
    assertThatThrownBy(() -> new BotState(file).load())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
  }
}
