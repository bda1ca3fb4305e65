package dev.parley.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.ParleyCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Bad flags of {@code parley desktop} are usage errors in one line, before any window opens. */
class DesktopCommandTest {

  private static String run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cl = ParleyCommand.commandLine();
    cl.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 1];
    all[0] = "desktop";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = cl.execute(all);
    assertThat(code).as("exit status, with %s", err).isEqualTo(2);
    return err.toString();
  }

  @Test
  void anUnknownThemeIsNamed() {
    assertThat(run("--theme", "purple")).contains("--theme: 'purple' is not a theme (light, dark or system)");
  }

  @Test
  void aScaleOutOfRangeIsNamed() {
    assertThat(run("--scale", "9")).contains("--scale: '9' is not a factor from 0.5 to 4.0");
    assertThat(run("--scale", "big")).contains("--scale: 'big'");
  }

  @Test
  void aBadServerOrUserIsNamed() {
    assertThat(run("--server", "a:7070,,b")).contains("--server: an empty entry");
    assertThat(run("--user", "no spaces")).contains("--user: 'no spaces' is not a user name");
  }

  @Test
  void wholeScalesGoToJavaAndFractionalOnesToFlatLaf() {
    CommandLine cl = ParleyCommand.commandLine();
    String before2d = System.getProperty("sun.java2d.uiScale");
    String beforeFlat = System.getProperty("flatlaf.uiScale");
    try {
      DisplayScale.parse("200%", cl).install();
      assertThat(System.getProperty("sun.java2d.uiScale")).isEqualTo("2");
      DisplayScale.parse("1.5", cl).install();
      assertThat(System.getProperty("sun.java2d.uiScale")).isEqualTo("1");
      assertThat(System.getProperty("flatlaf.uiScale")).isEqualTo("1.5");
    } finally {
      restore("sun.java2d.uiScale", before2d);
      restore("flatlaf.uiScale", beforeFlat);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
