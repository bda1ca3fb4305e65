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
import org.openqa.selenium.interactions.Actions;
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

  /** Logs in as a registered user (a second device or tab of someone already on). */
  ChatPage logIn(String name, String password) {
    return logIn("login", name, password);
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

  /** Types into the composer without sending: the others see "… is typing". */
  ChatPage type(String text) {
    composer().sendKeys(text);
    return this;
  }

  /** Presses keys in the composer (the up arrow, Enter). */
  ChatPage press(CharSequence... keys) {
    composer().sendKeys(keys);
    return this;
  }

  /** The line under the messages saying who is typing ("" when nobody is). */
  String typingLine() {
    return (String) js("return document.getElementById('typing').textContent");
  }

  /** Whether the message with {@code id} is marked "(edited)". */
  boolean edited(long id) {
    return (Boolean) js("const m = document.querySelector(`#message-list .msg[data-id=\"${arguments[0]}\"]`);"
        + "return m !== null && m.querySelector('.msg-edited') !== null", id);
  }

  /** The message's "⋯" button, shown when the pointer is over it; opens its menu. */
  ChatPage openMenu(long id) {
    WebElement message = driver.findElement(messageSelector(id));
    new Actions(driver).moveToElement(message).perform();
    WebElement button = until("the actions button of message " + id,
        ExpectedConditions.elementToBeClickable(message.findElement(By.cssSelector(".msg-menu-button"))));
    button.click();
    until("the menu of message " + id, ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".msg-menu")));
    return this;
  }

  /** The items of the open message menu ([] when none is open). */
  List<String> menuItems() {
    @SuppressWarnings("unchecked")
    List<String> items = (List<String>) js(
        "return Array.from(document.querySelectorAll('.msg-menu [role=menuitem]')).map(b => b.textContent)");
    return items;
  }

  /** Whether the message offers the "⋯" menu at all (one's own, or any to a room owner). */
  boolean hasMenu(long id) {
    return !driver.findElement(messageSelector(id)).findElements(By.cssSelector(".msg-menu-button")).isEmpty();
  }

  /** Edit from the message's menu: replaces its text and presses Enter. */
  ChatPage editFromMenu(long id, String text) {
    openMenu(id);
    driver.findElement(By.cssSelector(".msg-menu [data-action='edit']")).click();
    return typeEdit(text);
  }

  /** Types into the open inline editor (after the menu's Edit or the up arrow) and saves. */
  ChatPage typeEdit(String text) {
    WebElement input = until("the inline editor", ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".edit-input")));
    input.clear();
    input.sendKeys(text, Keys.ENTER);
    return this;
  }

  /** Esc in the open inline editor: the message is shown as it was. */
  ChatPage cancelEdit() {
    WebElement input = until("the inline editor", ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".edit-input")));
    input.sendKeys(Keys.ESCAPE);
    until("the editor closed", ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".edit-input")));
    return this;
  }

  /** Delete from the message's menu, confirmed. */
  ChatPage deleteFromMenu(long id) {
    openMenu(id);
    driver.findElement(By.cssSelector(".msg-menu [data-action='delete']")).click();
    driver.findElement(By.cssSelector(".msg-menu [data-action='confirm-delete']")).click();
    return this;
  }

  private static By messageSelector(long id) {
    return By.cssSelector("#message-list .msg[data-id='" + id + "']");
  }

  /** The unread badge of a room in the menu, or "" when it has none. */
  String badge(String room) {
    return (String) js("const b = document.querySelector(`#sidebar button[data-room=\"${arguments[0]}\"] .badge`);"
        + "return b === null ? '' : b.textContent", room);
  }

  /** The topic as the header shows it ("" when none; an owner without one sees "Add a topic"). */
  String topic() {
    return (String) js("const t = document.getElementById('topic'); return t.hidden ? '' : t.textContent");
  }

  /** An owner clicks the topic, types a new one and presses Enter. */
  ChatPage setTopic(String text) {
    driver.findElement(By.cssSelector("#topic [data-action='edit-topic']")).click();
    WebElement input = until("the topic field", ExpectedConditions.visibilityOfElementLocated(By.id("topic-input")));
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    if (!text.isEmpty()) {
      input.sendKeys(text);
    }
    input.sendKeys(Keys.ENTER);
    return this;
  }

  /** Types into the search box and presses Enter; waits for the answer. */
  ChatPage search(String query) {
    WebElement box = driver.findElement(By.id("search-input"));
    box.clear();
    box.sendKeys(query, Keys.ENTER);
    until("search results for " + query, d -> !text(By.id("search-status")).isEmpty()
        && !text(By.id("search-status")).equals("Searching…"));
    return this;
  }

  record Result(long id, String from, String text, List<String> marked) {}

  /** The search results shown, newest first, with the words marked in each. */
  List<Result> searchResults() {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows = (List<Map<String, Object>>) js(
        "return Array.from(document.querySelectorAll('#search-results .search-result')).map(r => ({"
            + "id: Number(r.dataset.id), from: r.querySelector('.search-author').textContent,"
            + "text: r.querySelector('.search-text').textContent,"
            + "marked: Array.from(r.querySelectorAll('mark')).map(m => m.textContent)}))");
    @SuppressWarnings("unchecked")
    List<Result> results = rows.stream()
        .map(r -> new Result(((Number) r.get("id")).longValue(), (String) r.get("from"), (String) r.get("text"),
            (List<String>) r.get("marked")))
        .toList();
    return results;
  }

  /** Clicks the search result of message {@code id}. */
  ChatPage openResult(long id) {
    driver.findElement(By.cssSelector("#search-results .search-result[data-id='" + id + "']")).click();
    return this;
  }

  /** Whether the message with {@code id} is drawn and lies within the visible part of the list. */
  boolean inView(long id) {
    return (Boolean) js("const m = document.querySelector(`#message-list .msg[data-id=\"${arguments[0]}\"]`);"
        + "if (m === null) return false;"
        + "const v = document.getElementById('messages').getBoundingClientRect(), r = m.getBoundingClientRect();"
        + "return r.top >= v.top && r.bottom <= v.bottom", id);
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
