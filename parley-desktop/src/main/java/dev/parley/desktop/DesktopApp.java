package dev.parley.desktop;

import dev.parley.desktop.settings.Settings;
import dev.parley.desktop.settings.SettingsStore;
import dev.parley.desktop.settings.ThemeChoice;
import dev.parley.desktop.ui.ChatWindow;
import dev.parley.desktop.ui.LoginWindow;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.swing.SwingUtilities;

/**
 * The desktop client's life: the look, the login window, then the chat window; log out goes
 * back to the login window, quitting (or closing the last window) ends {@link #run}. Settings
 * are read once and written after each change that should outlive the run. Owned by the event
 * thread, except {@link #run}, which waits on the caller's.
 */
public final class DesktopApp implements ChatWindow.Host {
  private final DesktopLaunch launch;
  private final SettingsStore store;
  private final CompletableFuture<Integer> finished = new CompletableFuture<>();
  private Settings settings;
  private ThemeChoice theme;

  private DesktopApp(DesktopLaunch launch) {
    this.launch = launch;
    this.store = new SettingsStore(launch.configDirectory());
  }

  /** Opens the windows and returns once the user has quit: 0. */
  public static int run(DesktopLaunch launch) {
    DesktopApp app = new DesktopApp(launch);
    SwingUtilities.invokeLater(app::start);
    try {
      return app.finished.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private void start() {
    try {
      settings = store.load();
      theme = launch.theme() != null ? launch.theme() : settings.theme();
      Themes.apply(theme);
      boolean fromFlag = launch.user() != null
          && !launch.user().equalsIgnoreCase(String.valueOf(settings.user()));
      showLogin(null, !fromFlag);
    } catch (RuntimeException e) {
      finished.completeExceptionally(e);
    }
  }

  private void showLogin(String message, boolean useToken) {
    List<String> servers = new ArrayList<>(settings.servers());
    String first = launch.server() != null ? ServerAddresses.normalise(launch.server())
        : servers.isEmpty() ? ServerAddresses.DEFAULT : servers.get(0);
    servers.remove(first);
    servers.add(0, first);
    String user = launch.user() != null ? launch.user() : settings.user();
    String token = useToken ? settings.tokenFor(first) : null;
    LoginWindow login = new LoginWindow(
        new LoginWindow.Setup(servers, user, token, launch.tls(), launch.trustedCertificate(), message),
        this::openChat, () -> finished.complete(0));
    login.setVisible(true);
  }

  private void openChat(LoginResult login) {
    String me = login.welcome().user();
    boolean sameUser = me.equalsIgnoreCase(String.valueOf(settings.user()));
    List<String> rooms = sameUser ? settings.rooms() : List.of();
    settings = settings.withLogin(me, login.server(), login.guest() ? null : login.welcome().token());
    save();
    ChatWindow window = new ChatWindow(login.client(), login.welcome(), login.server(), theme, this);
    login.attach(window.session());
    window.setVisible(true);
    for (int i = 0; i < rooms.size(); i++) {
      window.session().join(rooms.get(i), i == 0);
    }
  }

  @Override
  public void logOut(ChatWindow window) {
    settings = settings.withRooms(window.session().publicRooms()).withoutToken();
    save();
    close(window);
    showLogin("Logged out.", false);
  }

  @Override
  public void quit(ChatWindow window) {
    settings = settings.withRooms(window.session().publicRooms());
    save();
    close(window);
    finished.complete(0);
  }

  @Override
  public void theme(ThemeChoice choice) {
    theme = choice;
    Themes.apply(choice);
    settings = settings.withTheme(choice);
    save();
  }

  private static void close(ChatWindow window) {
    window.dispose();
    var client = window.session().client();
    Thread closer = new Thread(client::close, "parley-desktop-close");
    closer.start();
    try {
      closer.join(6000); // says bye; sends not yet acknowledged are given up with the window
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void save() {
    try {
      store.save(settings);
    } catch (UncheckedIOException e) {
      System.err.println("parley: " + e.getMessage());
    }
  }
}
