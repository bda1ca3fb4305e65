package dev.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link FaultProxy} between plain sockets and an {@link EchoServer}, one fault at a time. */
class FaultProxyTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private EchoServer echo;
  private FaultProxy proxy;

  @BeforeEach
  void start() throws IOException {
    echo = new EchoServer();
    proxy = FaultProxy.start(echo.address());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
  }

  @Test
  void passesBytesThroughUnchangedAndCarriesACloseAfterTheLastByte() throws Exception {
    byte[] payload = randomBytes(512 * 1024);
    try (Socket client = connect()) {
      CompletableFuture<byte[]> echoed = readAllAsync(client);
      client.getOutputStream().write(payload);
      client.shutdownOutput(); // FIN to the echo server, which then closes its side

      assertSameBytes(echoed.get(WAIT.toSeconds(), TimeUnit.SECONDS), payload);
    }
    await().atMost(WAIT).until(() -> echo.endings.size() == 1);
    assertThat(echo.endings).containsExactly("eof");
    await().atMost(WAIT).until(() -> proxy.connections().isEmpty());
    assertThat(proxy.acceptedCount()).isEqualTo(1);
  }

  @Test
  void aDelayHoldsEachDirectionBack() throws Exception {
    proxy.apply(Fault.delay(Duration.ofMillis(150), Duration.ofMillis(100)));
    try (Socket client = connect()) {
      long started = System.nanoTime();
      client.getOutputStream().write("ping\n".getBytes());
      byte[] back = client.getInputStream().readNBytes(5);
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      assertThat(new String(back)).isEqualTo("ping\n");
      assertThat(tookMs).as("round trip through 150 + 100 ms of delay").isGreaterThanOrEqualTo(250);
    }
  }

  @Test
  void delayedBytesArrivingApartAllComeThroughWithoutMoreTrafficBehindThem() throws Exception {
    proxy.apply(Fault.delay(Duration.ofMillis(30)));
    try (Socket client = connect()) {
      CompletableFuture<byte[]> echoed = readAllAsync(client);
      for (int i = 0; i < 5; i++) {
        client.getOutputStream().write(("line " + i + "\n").getBytes());
        Thread.sleep(10); // each is held back while the next arrives
      }
      await().atMost(WAIT).until(() -> echo.bytesRead.get() == 35);
      client.shutdownOutput();
      assertThat(new String(echoed.get(WAIT.toSeconds(), TimeUnit.SECONDS)))
          .isEqualTo("line 0\nline 1\nline 2\nline 3\nline 4\n");
    }
  }

  @Test
  void aCutResetsBothEnds() throws Exception {
    try (Socket client = connect()) {
      roundTrip(client, "before the cut");
      await().atMost(WAIT).until(() -> proxy.connections().size() == 1);

      proxy.cutAll();

      assertThatThrownBy(() -> client.getInputStream().read())
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("reset");
      await().atMost(WAIT).until(() -> echo.endings.size() == 1);
      assertThat(echo.endings).containsExactly("reset");
      await().atMost(WAIT).until(() -> proxy.connections().isEmpty());
    }
  }

  @Test
  void aBlackHoleForwardsNothingAndClosesNothing() throws Exception {
    try (Socket early = connect()) {
      roundTrip(early, "before");
      long echoedBefore = echo.bytesRead.get();

      proxy.apply(Fault.blackHole());
      try (Socket late = connect()) { // a connection made during the black hole
        early.getOutputStream().write("lost\n".getBytes());
        late.getOutputStream().write("lost too\n".getBytes());
        await().atMost(WAIT).until(() -> echo.accepted() == 2 && proxy.connections().size() == 2);
        echo.closeConnections(); // the server's FIN must not get through either

        assertSilentButOpen(early);
        assertSilentButOpen(late);
        assertThat(echo.bytesRead.get()).isEqualTo(echoedBefore);
        assertThat(proxy.connections()).allSatisfy(c -> assertThat(c.isOpen()).isTrue());
      }
    }
  }

  @Test
  void aTrickleLimitsTheRateTowardsTheClientAndHoldsOnlyABoundedAmount() throws Exception {
    proxy.close();
    proxy = FaultProxy.start(echo.address(), 16 * 1024);
    int bytesPerSecond = 20_000;
    byte[] payload = randomBytes(2 * 1024 * 1024);
    proxy.apply(Fault.trickle(bytesPerSecond));
    long started = System.nanoTime();
    try (Socket client = connect()) {
      CompletableFuture<byte[]> echoed = readAllAsync(client);
      CompletableFuture.runAsync(() -> writeAndClose(client, payload));
      await().atMost(WAIT).until(() -> proxy.connections().size() == 1);
      ProxiedConnection connection = proxy.connections().get(0);

      Thread.sleep(1500);
      long toClient = connection.bytesToClient();
      double seconds = (System.nanoTime() - started) / 1e9;

      // A ceiling, not a speed: the trickle never lets more through than its rate allows.
      assertThat(toClient).isPositive().isLessThanOrEqualTo((long) (bytesPerSecond * seconds) + 1024);
      assertThat(connection.heldHighWater())
          .isLessThanOrEqualTo(FaultProxy.MAX_HELD_BYTES + FaultProxy.READ_BYTES);

      connection.apply(Fault.none());
      assertSameBytes(echoed.get(WAIT.toSeconds(), TimeUnit.SECONDS), payload);
      assertThat(connection.heldHighWater())
          .isLessThanOrEqualTo(FaultProxy.MAX_HELD_BYTES + FaultProxy.READ_BYTES);
    }
  }

  // ---- helpers ----

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(proxy.address(), 5000);
    return s;
  }

  private static void roundTrip(Socket client, String text) throws IOException {
    byte[] line = (text + "\n").getBytes();
    client.getOutputStream().write(line);
    assertThat(client.getInputStream().readNBytes(line.length)).isEqualTo(line);
  }

  /** Nothing arrives within a while, and the socket is neither closed (FIN) nor reset. */
  private static void assertSilentButOpen(Socket client) throws IOException {
    client.setSoTimeout(700);
    assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
  }

  private static void writeAndClose(Socket client, byte[] payload) {
    try {
      OutputStream out = client.getOutputStream();
      out.write(payload);
      client.shutdownOutput();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static CompletableFuture<byte[]> readAllAsync(Socket client) {
    CompletableFuture<byte[]> all = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (InputStream in = client.getInputStream()) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        in.transferTo(got);
        all.complete(got.toByteArray());
      } catch (IOException e) {
        all.completeExceptionally(e);
      }
    }, "test-reader");
    reader.setDaemon(true);
    reader.start();
    return all;
  }

  /** Like {@code isEqualTo}, without printing megabytes when they differ. */
  private static void assertSameBytes(byte[] actual, byte[] expected) {
    assertThat(actual.length).as("length").isEqualTo(expected.length);
    assertThat(Arrays.mismatch(actual, expected)).as("index of the first difference").isEqualTo(-1);
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new Random(n).nextBytes(bytes);
    return bytes;
  }
}
