package dev.parley.desktop.ui;

import com.formdev.flatlaf.util.UIScale;
import dev.parley.client.Credentials;
import dev.parley.desktop.LoginAttempt;
import dev.parley.desktop.LoginResult;
import dev.parley.desktop.Reasons;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Names;
import java.awt.Font;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.WindowConstants;

/**
 * The first window: the server (remembered ones in the list), a name and a password; log in,
 * create an account, or enter as a guest. With a token kept from last time it signs in at once.
 * While the server cannot be reached it says so and keeps trying until it can or the user
 * cancels.
 */
public final class LoginWindow extends JFrame {
  /**
   * What the window starts with.
   *
   * @param servers the server addresses to offer, the one to preselect first
   * @param user the name to fill in, or {@code null}
   * @param token a token to sign in with at once, or {@code null}
   * @param message a line to show first (why the login is asked again), or {@code null}
   */
  public record Setup(List<String> servers, String user, String token, boolean tls, Path trustedCertificate,
      String message) {}

  private final Setup setup;
  private final Consumer<LoginResult> onLoggedIn;
  private final JComboBox<String> server = new JComboBox<>();
  private final JTextField user = new JTextField(18);
  private final JPasswordField password = new JPasswordField(18);
  private final JButton logIn = new JButton("Log in");
  private final JButton register = new JButton("Create account");
  private final JButton guest = new JButton("Continue as guest");
  private final JButton cancel = new JButton("Cancel");
  private final JTextArea status = new JTextArea(2, 20);
  private LoginAttempt attempt;
  private boolean loggedIn;

  public LoginWindow(Setup setup, Consumer<LoginResult> onLoggedIn, Runnable onClosed) {
    super("Parley — Log in");
    setName("login");
    this.setup = setup;
    this.onLoggedIn = onLoggedIn;
    server.setEditable(true);
    setup.servers().forEach(server::addItem);
    server.setName("server");
    user.setName("user");
    user.setText(setup.user() == null ? "" : setup.user());
    password.setName("password");
    password.putClientProperty("JTextField.showRevealButton", true);
    logIn.setName("log-in");
    register.setName("register");
    guest.setName("guest");
    cancel.setName("cancel");
    status.setName("login-status");
    status.setEditable(false);
    status.setFocusable(false);
    status.setLineWrap(true);
    status.setWrapStyleWord(true);
    status.setOpaque(false);
    setContentPane(form());
    getRootPane().setDefaultButton(logIn);
    logIn.addActionListener(e -> submit(Kind.LOG_IN));
    register.addActionListener(e -> submit(Kind.REGISTER));
    guest.addActionListener(e -> submit(Kind.GUEST));
    cancel.addActionListener(e -> cancelAttempt(""));
    cancel.setVisible(false);
    setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
    addWindowListener(new WindowAdapter() {
      @Override
      public void windowClosed(WindowEvent e) {
        if (attempt != null) {
          attempt.cancel();
          attempt = null;
        }
        if (!loggedIn) {
          onClosed.run();
        }
      }

      @Override
      public void windowOpened(WindowEvent e) {
        (user.getText().isEmpty() ? user : password).requestFocusInWindow();
      }
    });
    pack();
    setResizable(false);
    setLocationRelativeTo(null);
    say(setup.message() == null ? "" : setup.message(), setup.message() != null);
    if (setup.token() != null) {
      start(Credentials.token(setup.token()), false, "Signing in as " + setup.user() + "…");
    }
  }

  private enum Kind { LOG_IN, REGISTER, GUEST }

  private JComponent form() {
    JPanel form = new JPanel(new GridBagLayout());
    form.setBorder(Looks.padding(28, 36, 24, 36));
    GridBagConstraints c = new GridBagConstraints();
    c.gridx = 0;
    c.gridwidth = 2;
    c.fill = GridBagConstraints.HORIZONTAL;
    c.insets = new Insets(0, 0, UIScale.scale(4), 0);
    JLabel title = new JLabel("Parley");
    title.setFont(title.getFont().deriveFont(Font.BOLD, title.getFont().getSize2D() * 2f));
    form.add(title, c);
    c.insets = new Insets(0, 0, UIScale.scale(20), 0);
    form.add(Looks.muted(new JLabel("Sign in to chat, or create an account.")), c);
    c.insets = new Insets(UIScale.scale(6), 0, UIScale.scale(2), 0);
    field(form, c, "Server", KeyEvent.VK_S, server);
    field(form, c, "User name", KeyEvent.VK_U, user);
    field(form, c, "Password", KeyEvent.VK_P, password);
    c.insets = new Insets(UIScale.scale(18), 0, 0, 0);
    logIn.putClientProperty("JButton.buttonType", "default");
    form.add(logIn, c);
    c.insets = new Insets(UIScale.scale(8), 0, 0, 0);
    JPanel more = new JPanel(new java.awt.GridLayout(1, 2, UIScale.scale(8), 0));
    more.add(register);
    more.add(guest);
    form.add(more, c);
    form.add(cancel, c);
    c.insets = new Insets(UIScale.scale(14), 0, 0, 0);
    form.add(status, c);
    return form;
  }

  private static void field(JPanel form, GridBagConstraints c, String name, int mnemonic, JComponent input) {
    JLabel label = new JLabel(name);
    label.setDisplayedMnemonic(mnemonic);
    label.setLabelFor(input instanceof JComboBox<?> box ? box.getEditor().getEditorComponent() : input);
    form.add(label, c);
    form.add(input, c);
  }

  private void submit(Kind kind) {
    String name = user.getText().strip();
    String pw = new String(password.getPassword());
    if (kind == Kind.GUEST && name.isEmpty()) {
      name = "guest-" + (1000 + new SecureRandom().nextInt(9000));
      user.setText(name);
    }
    if (!Names.isValidUser(name)) {
      say(name.isEmpty() ? "Enter a user name." : "A user name is 1 to 32 of A-Z a-z 0-9 _ - .", true);
      user.requestFocusInWindow();
      return;
    }
    if (kind != Kind.GUEST && pw.isEmpty()) {
      say("Enter your password, or continue as a guest.", true);
      password.requestFocusInWindow();
      return;
    }
    Credentials credentials = switch (kind) {
      case LOG_IN -> Credentials.password(name, pw);
      case REGISTER -> Credentials.register(name, pw);
      case GUEST -> Credentials.guest(name);
    };
    start(credentials, true, kind == Kind.REGISTER ? "Creating the account…" : "Connecting…");
  }

  private void start(Credentials credentials, boolean typed, String first) {
    String address = String.valueOf(server.getEditor().getItem()).strip();
    try {
      attempt = LoginAttempt.start(address, setup.tls(), setup.trustedCertificate(), credentials, s -> {
        if (attempt != null) {
          say(s, false);
        }
      });
    } catch (IllegalArgumentException e) {
      say("Server: " + e.getMessage(), true);
      return;
    }
    busy(true);
    say(first, false);
    LoginAttempt mine = attempt;
    mine.result().whenComplete((result, e) -> {
      if (attempt != mine) {
        return; // cancelled meanwhile
      }
      attempt = null;
      busy(false);
      if (e != null) {
        boolean tokenRefused = !typed && Reasons.code(e) == ErrorCode.AUTH_FAILED;
        say(tokenRefused ? "Your saved login is no longer valid; enter your password." : Reasons.of(e), true);
        (tokenRefused || user.getText().isEmpty() ? (user.getText().isEmpty() ? user : password) : password)
            .requestFocusInWindow();
        return;
      }
      loggedIn = true;
      password.setText("");
      onLoggedIn.accept(result);
      dispose();
    });
  }

  private void cancelAttempt(String why) {
    LoginAttempt a = attempt;
    attempt = null;
    if (a != null) {
      a.cancel();
    }
    busy(false);
    say(why, false);
  }

  private void busy(boolean on) {
    for (JComponent c : List.of(server, user, password, logIn, register, guest)) {
      c.setEnabled(!on);
    }
    cancel.setVisible(on);
    if (on) {
      cancel.requestFocusInWindow();
    }
  }

  private void say(String text, boolean problem) {
    status.setText(text);
    status.setForeground(problem ? PresenceDot.OFFLINE : javax.swing.UIManager.getColor("Label.foreground"));
  }
}
