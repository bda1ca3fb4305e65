package dev.parley.desktop.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
  @TempDir Path home;

  @Test
  void whatIsSavedIsLoadedAgain() {
    SettingsStore store = new SettingsStore(home.resolve("parley"));
    Settings saved = Settings.empty()
        .withLogin("alice", "a:7070,b:7070", "tok-1")
        .withRooms(List.of("lobby", "1001"))
        .withTheme(ThemeChoice.DARK);

    store.save(saved);

    assertThat(store.load()).isEqualTo(saved);
    assertThat(store.load().tokenFor("a:7070,b:7070")).isEqualTo("tok-1");
    assertThat(store.load().tokenFor("other:7070")).isNull();
  }

  @Test
  void theFileAndItsDirectoryAreTheOwnersOnly() throws Exception {
    Path dir = home.resolve("config").resolve("parley");
    SettingsStore store = new SettingsStore(dir);

    store.save(Settings.empty().withLogin("alice", "a:7070", "secret-token"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
  }

  @Test
  void aGuestLeavesNoTokenAndNoPasswordIsEverWritten() throws Exception {
    SettingsStore store = new SettingsStore(home);

    store.save(Settings.empty().withLogin("alice", "a:7070", "tok").withLogin("guest-1", "a:7070", null));

    Settings loaded = store.load();
    assertThat(loaded.token()).isNull();
    assertThat(loaded.user()).isEqualTo("guest-1");
    assertThat(Files.readString(store.file())).doesNotContainPattern("(?im)^[^#]*password");
  }

  @Test
  void serversUsedLastComeFirstAndTheListIsBounded() {
    Settings s = Settings.empty();
    for (int i = 0; i < Settings.MAX_SERVERS + 3; i++) {
      s = s.withServerUsed("h" + i + ":7070");
    }
    s = s.withServerUsed("h5:7070");

    assertThat(s.servers()).hasSize(Settings.MAX_SERVERS);
    assertThat(s.servers().get(0)).isEqualTo("h5:7070");
    assertThat(s.servers()).doesNotHaveDuplicates();
  }

  @Test
  void loggingOutForgetsTheTokenButNotTheUser() {
    Settings s = Settings.empty().withLogin("alice", "a:7070", "tok").withoutToken();

    assertThat(s.token()).isNull();
    assertThat(s.user()).isEqualTo("alice");
  }

  @Test
  void aMissingOrDamagedFileGivesEmptySettings() throws Exception {
    SettingsStore store = new SettingsStore(home);
    assertThat(store.load()).isEqualTo(Settings.empty());

    Files.writeString(store.file(), "theme=purple\nserver.1=a:7070\n");
    assertThat(store.load().theme()).isEqualTo(ThemeChoice.SYSTEM);
    assertThat(store.load().servers()).containsExactly("a:7070");
  }

  @Test
  void theConfigDirectoryFollowsXdgElseTheHomeDirectory() {
    assertThat(ConfigDirectory.resolve(Map.of("XDG_CONFIG_HOME", "/x/conf"), "/home/a")).isEqualTo(Path.of("/x/conf/parley"));
    assertThat(ConfigDirectory.resolve(Map.of("XDG_CONFIG_HOME", "relative"), "/home/a"))
        .isEqualTo(Path.of("/home/a/.config/parley"));
    assertThat(ConfigDirectory.resolve(Map.of(), "/home/a")).isEqualTo(Path.of("/home/a/.config/parley"));
  }
}
