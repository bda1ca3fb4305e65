package dev.parley.desktop;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import dev.parley.desktop.settings.ThemeChoice;
import java.util.Map;

/**
 * Puts FlatLaf's light or dark look in place, with the rounder corners and slimmer scroll bars
 * of today's chat apps. {@link ThemeChoice#SYSTEM} follows the system where it can tell.
 */
public final class Themes {
  private static final Map<String, String> LOOK = Map.ofEntries(
      Map.entry("@accentColor", "#3d6fd9"),
      Map.entry("Component.arc", "10"),
      Map.entry("Button.arc", "10"),
      Map.entry("TextComponent.arc", "10"),
      Map.entry("ScrollPane.TextComponent.arc", "12"),
      Map.entry("Button.default.background", "$Component.accentColor"),
      Map.entry("Button.default.foreground", "#ffffff"),
      Map.entry("Button.default.focusedBackground", "$Component.accentColor"),
      Map.entry("Button.default.hoverBackground", "darken($Component.accentColor,6%)"),
      Map.entry("ScrollBar.showButtons", "false"),
      Map.entry("ScrollBar.width", "10"),
      Map.entry("ScrollBar.thumbArc", "999"),
      Map.entry("ScrollBar.thumbInsets", "2,2,2,2"),
      Map.entry("List.selectionArc", "8"));

  private Themes() {}

  /** Whether {@code choice} comes out dark here. */
  public static boolean isDark(ThemeChoice choice) {
    return switch (choice) {
      case DARK -> true;
      case LIGHT -> false;
      case SYSTEM -> SystemTheme.prefersDark();
    };
  }

  /** Installs the look; call on the event thread. Windows already open are redrawn in it. */
  public static void apply(ThemeChoice choice) {
    FlatLaf.setGlobalExtraDefaults(LOOK);
    if (isDark(choice)) {
      FlatDarkLaf.setup();
    } else {
      FlatLightLaf.setup();
    }
    FlatLaf.updateUI();
  }

  /** Whether the look in place is a dark one. */
  public static boolean darkNow() {
    return FlatLaf.isLafDark();
  }
}
