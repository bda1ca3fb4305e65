package dev.parley.app.desktop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.app.ParleyCommand;
import dev.parley.desktop.model.ChatLine;
import dev.parley.desktop.model.Members;
import dev.parley.desktop.model.RoomEntry;
import dev.parley.protocol.ServerFrame;
import java.awt.Component;
import java.awt.Container;
import java.awt.KeyboardFocusManager;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JMenuItem;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.text.JTextComponent;

/**
 * Runs {@code parley desktop} in this JVM (started by a test with {@code DISPLAY} set to its own
 * Xvfb) and takes orders from standard input, one a line, answering each with one JSON line on
 * standard output. Input is real: {@link Robot} moves the X pointer, clicks and types through the
 * X server, so focus, key bindings and the tab order are the window's own. Reading is done on the
 * Swing event thread from components found by name, the way Swing test libraries find them. The
 * application's code has no hook for this.
 */
public final class WindowDriver {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long FIND_MILLIS = 30_000;

  private final PrintStream out;
  /** Made once a window has shown: AWT must load after the command has set the display scale. */
  private Robot robot;
  private Window window;

  private WindowDriver(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    System.setOut(new PrintStream(System.err, true, StandardCharsets.UTF_8)); // only answers on stdout
    List<String> command = new ArrayList<>(List.of("desktop"));
    command.addAll(List.of(args));
    Thread app = new Thread(() -> {
      int code = ParleyCommand.commandLine().execute(command.toArray(String[]::new));
      out.println("{\"exited\":" + code + "}");
      System.exit(code);
    }, "desktop-command");
    app.start();
    new WindowDriver(out).serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
  }

  private void serve(BufferedReader in) throws IOException {
    String line;
    while ((line = in.readLine()) != null) {
      ObjectNode answer = JSON.createObjectNode();
      try {
        answer.set("value", JSON.valueToTree(handle(line)));
        answer.put("ok", true);
      } catch (Exception e) {
        answer.put("ok", false);
        answer.put("error", e.toString());
      }
      out.println(JSON.writeValueAsString(answer));
    }
    System.exit(0);
  }

  private Object handle(String line) throws Exception {
    int space = line.indexOf(' ');
    String verb = space < 0 ? line : line.substring(0, space);
    String arg = space < 0 ? "" : line.substring(space + 1);
    return switch (verb) {
      case "window" -> findWindow(arg);
      case "place" -> place(arg);
      case "click" -> click(component(arg), 1);
      case "set" -> setText(arg);
      case "type" -> type(arg);
      case "key" -> key(arg);
      case "text" -> onEdt(() -> textOf(named(arg)));
      case "focused" -> onEdt(() -> {
        Component c = KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner();
        return c == null ? null : c.getName();
      });
      case "messages" -> onEdt(this::messages);
      case "results" -> onEdt(this::results);
      case "menu-on" -> menuOn(arg);
      case "menu-item" -> click(menuItem(arg), 1);
      case "rooms" -> onEdt(this::rooms);
      case "members" -> onEdt(this::members);
      case "member-click" -> memberClick(arg);
      case "wheel" -> wheel(arg);
      case "screenshot" -> screenshot(Path.of(arg));
      case "close" -> onEdt(() -> {
        window.dispatchEvent(new WindowEvent(window, WindowEvent.WINDOW_CLOSING));
        return "closing";
      });
      default -> throw new IllegalArgumentException("unknown order " + verb);
    };
  }

  private Object findWindow(String name) throws Exception {
    long end = System.currentTimeMillis() + FIND_MILLIS;
    while (System.currentTimeMillis() < end) {
      if (!awtLoaded()) { // (asking anything of AWT earlier would load it before the scale is set)
        Thread.sleep(100);
        continue;
      }
      Window found = onEdt(() -> {
        for (Window w : Window.getWindows()) {
          if (name.equals(w.getName()) && w.isShowing()) {
            return w;
          }
        }
        return null;
      });
      if (found != null) {
        window = found;
        if (robot == null) {
          robot = new Robot();
          robot.setAutoDelay(12);
        }
        robot.waitForIdle();
        return onEdt(() -> rect(found.getBounds()));
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("no window named " + name + " showed within " + FIND_MILLIS + " ms");
  }

  /** Whether the desktop command has started Swing yet (asking earlier would load AWT too soon). */
  private static boolean awtLoaded() {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("AWT-EventQueue"));
  }

  private Object place(String arg) throws Exception {
    String[] p = arg.split(" ");
    Window w = window;
    onEdt(() -> {
      w.setBounds(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]));
      w.validate();
      return null;
    });
    robot.waitForIdle();
    return onEdt(() -> rect(w.getBounds()));
  }

  private Component component(String name) throws Exception {
    Component c = onEdt(() -> find(window, name));
    if (c == null) {
      throw new IllegalArgumentException("no showing component named " + name + " in " + window.getName());
    }
    return c;
  }

  /** On the event thread: the showing component of that name in the window. */
  private Component named(String name) {
    Component c = find(window, name);
    if (c == null) {
      throw new IllegalArgumentException("no showing component named " + name + " in " + window.getName());
    }
    return c;
  }

  private static Component find(Component c, String name) {
    if (name.equals(c.getName()) && c.isShowing()) {
      return c;
    }
    if (c instanceof Container container) {
      for (Component child : container.getComponents()) {
        Component found = find(child, name);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private Object click(Component c, int clicks) throws Exception {
    Point at = onEdt(() -> {
      Point p = c.getLocationOnScreen();
      return new Point(p.x + c.getWidth() / 2, p.y + c.getHeight() / 2);
    });
    clickAt(at, clicks);
    return c.getName();
  }

  private void clickAt(Point at, int clicks) {
    robot.mouseMove(at.x, at.y);
    for (int i = 0; i < clicks; i++) {
      robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
      robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
    }
    robot.waitForIdle();
  }

  private Object setText(String arg) throws Exception {
    int space = arg.indexOf(' ');
    String name = space < 0 ? arg : arg.substring(0, space);
    String text = space < 0 ? "" : arg.substring(space + 1);
    Component c = component(name);
    return onEdt(() -> {
      if (c instanceof JTextComponent t) {
        t.setText(text);
      } else if (c instanceof JComboBox<?> box) {
        box.getEditor().setItem(text);
      } else {
        throw new IllegalArgumentException(name + " takes no text");
      }
      return name;
    });
  }

  /** Types ASCII text key by key, with Shift where the US layout needs it. */
  private Object type(String text) {
    for (char ch : text.toCharArray()) {
      boolean shift = Character.isUpperCase(ch) || "!@#$%^&*()_+{}|:\"<>?~".indexOf(ch) >= 0;
      int code = KeyEvent.getExtendedKeyCodeForChar(shifted(ch));
      if (code == KeyEvent.VK_UNDEFINED) {
        throw new IllegalArgumentException("cannot type '" + ch + "'");
      }
      if (shift) {
        robot.keyPress(KeyEvent.VK_SHIFT);
      }
      robot.keyPress(code);
      robot.keyRelease(code);
      if (shift) {
        robot.keyRelease(KeyEvent.VK_SHIFT);
      }
    }
    robot.waitForIdle();
    return text.length();
  }

  private static char shifted(char ch) {
    String from = "!@#$%^&*()_+{}|:\"<>?~";
    String to = "1234567890-=[]\\;',./`";
    int i = from.indexOf(ch);
    return i >= 0 ? to.charAt(i) : Character.toLowerCase(ch);
  }

  /** A key with modifiers, written as {@link KeyStroke#getKeyStroke(String)} reads it ("shift ENTER"). */
  private Object key(String spec) {
    KeyStroke stroke = KeyStroke.getKeyStroke(spec);
    if (stroke == null) {
      throw new IllegalArgumentException("not a key: " + spec);
    }
    List<Integer> mods = new ArrayList<>();
    int m = stroke.getModifiers();
    if ((m & InputEvent.SHIFT_DOWN_MASK) != 0) {
      mods.add(KeyEvent.VK_SHIFT);
    }
    if ((m & InputEvent.CTRL_DOWN_MASK) != 0) {
      mods.add(KeyEvent.VK_CONTROL);
    }
    if ((m & InputEvent.ALT_DOWN_MASK) != 0) {
      mods.add(KeyEvent.VK_ALT);
    }
    mods.forEach(robot::keyPress);
    robot.keyPress(stroke.getKeyCode());
    robot.keyRelease(stroke.getKeyCode());
    for (int i = mods.size() - 1; i >= 0; i--) {
      robot.keyRelease(mods.get(i));
    }
    robot.waitForIdle();
    return spec;
  }

  private static String textOf(Component c) {
    if (c instanceof JLabel l) {
      return l.getText();
    }
    if (c instanceof JTextComponent t) {
      return t.getText();
    }
    throw new IllegalArgumentException(c.getName() + " has no text");
  }

  private ArrayNode messages() throws Exception {
    ArrayNode rows = JSON.createArrayNode();
    JList<?> list = (JList<?>) named("messages");
    for (int i = 0; i < list.getModel().getSize(); i++) {
      ChatLine line = (ChatLine) list.getModel().getElementAt(i);
      rows.addObject().put("id", line.id()).put("from", line.from()).put("text", line.text())
          .put("pending", line.pending()).put("startsGroup", line.startsGroup())
          .put("edited", line.edited()).put("deleted", line.deleted());
    }
    return rows;
  }

  /** The search results listed under the search box: their ids and texts. */
  private ArrayNode results() throws Exception {
    ArrayNode rows = JSON.createArrayNode();
    JList<?> list = (JList<?>) named("search-results");
    for (int i = 0; i < list.getModel().getSize(); i++) {
      ServerFrame.Msg m = (ServerFrame.Msg) list.getModel().getElementAt(i);
      rows.addObject().put("id", m.id()).put("text", m.text());
    }
    return rows;
  }

  /** Right-clicks the newest message row whose text starts with {@code prefix} (its context menu opens). */
  private Object menuOn(String prefix) throws Exception {
    JList<?> list = (JList<?>) named("messages");
    Point at = onEdt(() -> {
      for (int i = list.getModel().getSize() - 1; i >= 0; i--) {
        if (((ChatLine) list.getModel().getElementAt(i)).text().startsWith(prefix)) {
          list.ensureIndexIsVisible(i);
          Rectangle r = list.getCellBounds(i, i);
          Point p = list.getLocationOnScreen();
          return new Point(p.x + r.x + r.width / 3, p.y + r.y + r.height - 6);
        }
      }
      return null;
    });
    if (at == null) {
      throw new IllegalArgumentException("no message row starts with " + prefix);
    }
    robot.waitForIdle();
    robot.mouseMove(at.x, at.y);
    robot.mousePress(InputEvent.BUTTON3_DOWN_MASK);
    robot.mouseRelease(InputEvent.BUTTON3_DOWN_MASK);
    robot.waitForIdle();
    return prefix;
  }

  /** The showing menu item of that text, in whichever window its popup is. */
  private Component menuItem(String text) throws Exception {
    Component c = onEdt(() -> {
      for (Window w : Window.getWindows()) {
        Component found = findItem(w, text);
        if (found != null) {
          return found;
        }
      }
      return null;
    });
    if (c == null) {
      throw new IllegalArgumentException("no menu item " + text + " is showing");
    }
    return c;
  }

  private static Component findItem(Component c, String text) {
    if (c instanceof JMenuItem item && text.equals(item.getText()) && item.isShowing()) {
      return item;
    }
    if (c instanceof Container container) {
      for (Component child : container.getComponents()) {
        Component found = findItem(child, text);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private ObjectNode rooms() throws Exception {
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode rows = answer.putArray("rooms");
    JList<?> list = (JList<?>) named("rooms");
    for (int i = 0; i < list.getModel().getSize(); i++) {
      RoomEntry e = (RoomEntry) list.getModel().getElementAt(i);
      rows.addObject().put("room", e.room()).put("unread", e.unread().count());
    }
    Object selected = list.getSelectedValue();
    answer.put("selected", selected == null ? null : ((RoomEntry) selected).room());
    return answer;
  }

  private ArrayNode members() throws Exception {
    ArrayNode rows = JSON.createArrayNode();
    JList<?> list = (JList<?>) named("members");
    for (int i = 0; i < list.getModel().getSize(); i++) {
      Members.Member m = (Members.Member) list.getModel().getElementAt(i);
      rows.addObject().put("name", m.name()).put("online", m.online());
    }
    return rows;
  }

  /** Double-clicks the member list's row of {@code name}. */
  private Object memberClick(String name) throws Exception {
    JList<?> list = (JList<?>) named("members");
    Point at = onEdt(() -> {
      for (int i = 0; i < list.getModel().getSize(); i++) {
        if (((Members.Member) list.getModel().getElementAt(i)).name().equalsIgnoreCase(name)) {
          Rectangle r = list.getCellBounds(i, i);
          Point p = list.getLocationOnScreen();
          return new Point(p.x + r.x + r.width / 2, p.y + r.y + r.height / 2);
        }
      }
      return null;
    });
    if (at == null) {
      throw new IllegalArgumentException(name + " is not in the member list");
    }
    clickAt(at, 2);
    return name;
  }

  private Object wheel(String arg) throws Exception {
    String[] p = arg.split(" ");
    Component c = component(p[0]);
    Point at = onEdt(() -> {
      Point s = c.getLocationOnScreen();
      return new Point(s.x + c.getWidth() / 2, s.y + c.getHeight() / 2);
    });
    robot.mouseMove(at.x, at.y);
    robot.mouseWheel(Integer.parseInt(p[1]));
    robot.waitForIdle();
    return arg;
  }

  private Object screenshot(Path file) throws Exception {
    robot.waitForIdle();
    Rectangle bounds = onEdt(window::getBounds);
    // At a scale of 2 the window's bounds are in points: take the capture in device pixels.
    var variants = robot.createMultiResolutionScreenCapture(bounds).getResolutionVariants();
    BufferedImage image = (BufferedImage) variants.get(variants.size() - 1);
    Files.createDirectories(file.toAbsolutePath().getParent());
    ImageIO.write(image, "png", file.toFile());
    return file.toString();
  }

  private static ObjectNode rect(Rectangle r) {
    return JSON.createObjectNode().put("x", r.x).put("y", r.y).put("width", r.width).put("height", r.height);
  }

  private static <T> T onEdt(Callable<T> work) throws Exception {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    SwingUtilities.invokeAndWait(() -> {
      try {
        result.set(work.call());
      } catch (Exception e) {
        failure.set(e);
      }
    });
    if (failure.get() != null) {
      throw failure.get();
    }
    return result.get();
  }
}
