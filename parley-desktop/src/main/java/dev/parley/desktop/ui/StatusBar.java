package dev.parley.desktop.ui;

import com.formdev.flatlaf.util.UIScale;
import dev.parley.client.ConnectionState;
import java.awt.BorderLayout;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.Timer;

/**
 * The bottom line: the connection's state, always visible (a green, amber or red dot and a
 * word), a problem for a few seconds when something the user asked for failed, and the main
 * shortcuts.
 */
final class StatusBar extends JPanel {
  private static final int PROBLEM_MILLIS = 6000;

  private final JLabel connection = new JLabel();
  private final JLabel problem = new JLabel();
  private final Timer clearProblem = new Timer(PROBLEM_MILLIS, e -> problem.setText(""));

  StatusBar() {
    super(new BorderLayout(UIScale.scale(16), 0));
    setBorder(Looks.lineThenPadding(true, false, false, false, 4, 12, 4, 12));
    connection.setName("connection-state");
    connection.setIconTextGap(UIScale.scale(6));
    problem.setName("problem");
    problem.setForeground(PresenceDot.OFFLINE);
    JLabel keys = new JLabel("Enter sends · Shift+Enter new line · Ctrl+K join · Alt+↑/↓ rooms · Ctrl+F search · F1 help");
    Looks.muted(keys);
    keys.setFont(keys.getFont().deriveFont(keys.getFont().getSize2D() - 1));
    add(connection, BorderLayout.WEST);
    add(problem, BorderLayout.CENTER);
    add(keys, BorderLayout.EAST);
    clearProblem.setRepeats(false);
  }

  void connection(ConnectionState state, String text) {
    java.awt.Color colour = switch (state) {
      case CONNECTED -> PresenceDot.ONLINE;
      case CONNECTING -> PresenceDot.BUSY;
      case DISCONNECTED, CLOSED -> PresenceDot.OFFLINE;
    };
    connection.setIcon(new PresenceDot(colour, true, UIScale.scale(9)));
    connection.setText(text);
    connection.getAccessibleContext().setAccessibleName("Connection: " + text);
  }

  void problem(String text) {
    problem.setText(text);
    clearProblem.restart();
  }
}
