package dev.parley.desktop.ui;

import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.util.UIScale;
import dev.parley.desktop.model.ChatLine;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.Graphics;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.ListCellRenderer;
import javax.swing.UIManager;

/**
 * Draws a conversation row: a day divider when the day changes; for the first line of a group
 * the author's avatar, name (in their colour) and time; then the text, wrapped to the list's
 * width. Lines still on their way are grey, marked "sending…"; an edited message says
 * "(edited)" after its text; a deleted one reads "message deleted", greyed, in its place. The
 * row picked with the keyboard or the mouse (for its context menu) and the one a search result
 * led to are tinted.
 */
final class MessageCellRenderer extends JPanel implements ListCellRenderer<ChatLine> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy");

  private final JLabel day = new JLabel("", JLabel.CENTER);
  private final JPanel dayRow = new DayDivider(day);
  private final JLabel avatar = new JLabel();
  private final JLabel author = new JLabel();
  private final JLabel time = new JLabel();
  private final JPanel header = new JPanel(new FlowLayout(FlowLayout.LEADING, 0, 0));
  private final JTextArea body = new JTextArea();
  private final JPanel content = new JPanel(new BorderLayout());
  private long highlighted;

  MessageCellRenderer() {
    super(new BorderLayout());
    body.setLineWrap(true);
    body.setWrapStyleWord(true);
    body.setEditable(false);
    body.setOpaque(false);
    body.setBorder(null);
    header.setOpaque(false);
    header.add(author);
    header.add(time);
    content.setOpaque(false);
    content.add(header, BorderLayout.NORTH);
    content.add(body, BorderLayout.CENTER);
    avatar.setVerticalAlignment(JLabel.TOP);
    add(dayRow, BorderLayout.NORTH);
    add(avatar, BorderLayout.WEST);
    add(content, BorderLayout.CENTER);
  }

  @Override
  public Component getListCellRendererComponent(
      JList<? extends ChatLine> list, ChatLine line, int index, boolean selected, boolean focused) {
    boolean dark = FlatLaf.isLafDark();
    Font font = list.getFont();
    int gutter = UIScale.scale(36);
    int side = UIScale.scale(16);
    setBackground(selected || line.id() == highlighted && line.id() > 0
        ? tint(list.getBackground(), accent(list)) : list.getBackground());
    setBorder(BorderFactory.createEmptyBorder(
        UIScale.scale(line.startsGroup() ? 8 : 1), side, UIScale.scale(1), side));

    dayRow.setVisible(line.startsDay());
    day.setText(dayText(line.ts()));
    day.setFont(font.deriveFont(Font.BOLD, font.getSize2D() - 1));
    day.setForeground(UIManager.getColor("Label.disabledForeground"));

    avatar.setIcon(line.startsGroup() ? new Avatar(line.from(), gutter) : null);
    avatar.setPreferredSize(new Dimension(gutter + UIScale.scale(10), 1));
    header.setVisible(line.startsGroup());
    author.setText(line.from());
    author.setFont(font.deriveFont(Font.BOLD));
    author.setForeground(UserColours.of(line.from(), dark));
    time.setText("  " + TIME.format(Instant.ofEpochMilli(line.ts()).atZone(ZoneId.systemDefault()))
        + (line.pending() ? "  · sending…" : ""));
    time.setFont(font.deriveFont(font.getSize2D() - 1));
    time.setForeground(UIManager.getColor("Label.disabledForeground"));

    boolean grey = line.pending() || line.deleted();
    body.setText(line.deleted() ? "message deleted" : line.text() + (line.edited() ? "  (edited)" : ""));
    body.setFont(grey ? font.deriveFont(Font.ITALIC) : font);
    body.setForeground(grey ? UIManager.getColor("Label.disabledForeground") : list.getForeground());
    // The text wraps at the list's width: give it that width so the row asks for the right height.
    int width = Math.max(UIScale.scale(120), list.getWidth() - 2 * side - gutter - UIScale.scale(10));
    body.setSize(width, Short.MAX_VALUE);
    getAccessibleContext().setAccessibleName(line.from() + ": "
        + (line.deleted() ? "message deleted" : line.text() + (line.edited() ? " (edited)" : "")));
    return this;
  }

  /** Tints the row of message {@code id} (0: none), the one a search result led to. */
  void highlight(long id) {
    highlighted = id;
  }

  private static Color accent(JList<?> list) {
    Color accent = UIManager.getColor("Component.accentColor");
    return accent != null ? accent : list.getSelectionBackground();
  }

  /** A quarter of the accent in the background: visible in both themes, the text still readable. */
  private static Color tint(Color base, Color accent) {
    return new Color((base.getRed() * 3 + accent.getRed()) / 4, (base.getGreen() * 3 + accent.getGreen()) / 4,
        (base.getBlue() * 3 + accent.getBlue()) / 4);
  }

  private static String dayText(long ts) {
    LocalDate date = Instant.ofEpochMilli(ts).atZone(ZoneId.systemDefault()).toLocalDate();
    LocalDate today = LocalDate.now();
    if (date.equals(today)) {
      return "Today";
    }
    if (date.equals(today.minusDays(1))) {
      return "Yesterday";
    }
    return DAY.format(date);
  }

  /** A thin rule across the row with the day in the middle. */
  private static final class DayDivider extends JPanel {
    private final JLabel label;

    DayDivider(JLabel label) {
      super(new BorderLayout());
      this.label = label;
      setOpaque(false);
      add(label, BorderLayout.CENTER);
    }

    @Override
    public Dimension getPreferredSize() {
      Dimension d = label.getPreferredSize();
      return new Dimension(d.width, d.height + UIScale.scale(16));
    }

    @Override
    protected void paintComponent(Graphics g) {
      Color rule = UIManager.getColor("Separator.foreground");
      g.setColor(rule != null ? rule : Color.LIGHT_GRAY);
      int y = getHeight() / 2;
      int textWidth = label.getFontMetrics(label.getFont()).stringWidth(label.getText()) + UIScale.scale(24);
      int left = (getWidth() - textWidth) / 2;
      g.drawLine(0, y, Math.max(0, left), y);
      g.drawLine(Math.min(getWidth(), left + textWidth), y, getWidth(), y);
    }
  }
}
