package dev.parley.app;

import dev.parley.protocol.Names;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page as a person uses it: the login form, the room menu, the composer, the message
 * list. Tests speak through this, so they read as what a user does and sees; every wait has a
 * message saying what did not happen.
 */
final class ChatPage {
  static final Duration WAIT = Duration.ofSeconds(20);

  private final Browser browser;
  private final WebDriver driver;

  private ChatPage(Browser browser) {
    this.browser = browser;
    this.driver = browser.driver();
  }

  /** Opens the page of {@code server} in {@code browser}. */
  static ChatPage open(Browser browser, ServerProcess server) {
    return open(browser, server.httpUri());
  }

  static ChatPage open(Browser browser, URI page) {
    browser.driver().get(page.toString());
    return new ChatPage(browser);
  }

  Browser browser() {
    return browser;
  }

  // ---- logging in --------------------------------------------------------------------------

  ChatPage enterAsGuest(String name) {
    return logIn("guest", name, null);
  }

  ChatPage register(String name, String password) {
    return logIn("register", name, password);
  }

  private ChatPage logIn(String mode, String name, String password) {
    until("the login form", ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
    driver.findElement(By.cssSelector(".tab[data-mode='" + mode + "']")).click();
    WebElement user = driver.findElement(By.id("login-user"));
    user.clear();
    user.sendKeys(name);
    if (password != null) {
      driver.findElement(By.id("login-password")).sendKeys(password);
    }
    driver.findElement(By.id("login-submit")).click();
    awaitOnline();
    return this;
  }

  // ---- rooms -------------------------------------------------------------------------------

  /** Types the room into the menu's join box and waits until the server has answered. */
  ChatPage join(String room) {
    openMenuIfCollapsed();
    WebElement input = driver.findElement(By.id("join-input"));
    input.sendKeys(room, Keys.ENTER);
    until("room " + room + " open and joined", d -> text(By.id("room-title")).equals("#" + Names.room(room))
        && !text(By.id("room-subtitle")).equals("Joining…"));
    return this;
  }

  /** Clicks a room (or a private conversation) in the menu. */
  ChatPage select(String room) {
    openMenuIfCollapsed();
    driver.findElement(By.cssSelector("#sidebar button[data-room='" + room + "']")).click();
    return this;
  }

  private void openMenuIfCollapsed() {
    WebElement menu = driver.findElement(By.id("menu-button"));
    if (menu.isDisplayed()) {
      menu.click();
      until("the menu open", ExpectedConditions.visibilityOfElementLocated(By.id("join-input")));
    }
  }

  /** Opens the private conversation with {@code user} from the member list. */
  ChatPage message(String user) {
    if (!driver.findElement(By.id("members")).isDisplayed()) {
      driver.findElement(By.id("members-button")).click();
    }
    WebElement button = driver.findElement(By.cssSelector("#member-list button[data-user='" + user + "']"));
    ((JavascriptExecutor) driver).executeScript("arguments[0].click()", button); // shown on hover
    until("the conversation with " + user, d -> text(By.id("room-title")).equals(user));
    return this;
  }

  // ---- messages ----------------------------------------------------------------------------

  /** Types {@code text} into the composer and presses Enter. */
  ChatPage say(String text) {
    composer().sendKeys(text, Keys.ENTER);
    return this;
  }

  /** Types lines separated by Shift+Enter, then Enter: one message of several lines. */
  ChatPage sayLines(String... lines) {
    WebElement composer = composer();
    for (int i = 0; i < lines.length; i++) {
      composer.sendKeys(lines[i]);
      composer.sendKeys(i < lines.length - 1 ? Keys.chord(Keys.SHIFT, Keys.ENTER) : Keys.ENTER);
    }
    return this;
  }

  private WebElement composer() {
    return until("the composer", ExpectedConditions.elementToBeClickable(By.id("composer")));
  }

  /** Waits until the open room shows a message from {@code from} with exactly {@code text}. */
  ChatPage awaitMessage(String from, String text) {
    until("a message from " + from + ": " + text,
        d -> messages().stream().anyMatch(m -> m.from().equals(from) && m.text().equals(text)));
    return this;
  }

  record Message(long id, String from, String text) {}

  /** The open room's delivered messages, oldest first, as the page shows them. */
  List<Message> messages() {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows = (List<Map<String, Object>>) js(
        "return Array.from(document.querySelectorAll('#message-list .msg')).map(m => ({"
            + "id: Number(m.dataset.id), from: m.dataset.from,"
            + "text: m.querySelector('.msg-text').textContent}))");
    return rows.stream()
        .map(r -> new Message(((Number) r.get("id")).longValue(), (String) r.get("from"), (String) r.get("text")))
        .toList();
  }

  /** Messages typed but not yet acknowledged by the server. */
  List<String> pending() {
    @SuppressWarnings("unchecked")
    List<String> texts = (List<String>) js(
        "return Array.from(document.querySelectorAll('#pending-list .msg-text')).map(m => m.textContent)");
    return texts;
  }

  /** Elements of a kind inside the message list (an {@code img} there would be injected markup). */
  int countInMessages(String cssSelector) {
    return driver.findElements(By.cssSelector("#message-list " + cssSelector)).size();
  }

  // ---- connection --------------------------------------------------------------------------

  /** online, connecting, waiting (for a retry) or stopped, as the page shows it. */
  String connectionState() {
    return driver.findElement(By.id("conn-state")).getDomAttribute("data-state");
  }

  /** websocket or poll, while online. */
  String transport() {
    return driver.findElement(By.id("conn-state")).getDomAttribute("data-transport");
  }

  ChatPage awaitOnline() {
    until("the page logged in and online",
        d -> driver.findElement(By.id("app")).isDisplayed() && "online".equals(connectionState()));
    return this;
  }

  ChatPage awaitOffline() {
    until("the page showing that it lost the connection", d -> !"online".equals(connectionState()));
    return this;
  }

  String text(By by) {
    return driver.findElement(by).getText();
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  <T> T until(String what, java.util.function.Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).withMessage(what).until(condition);
  }
}
