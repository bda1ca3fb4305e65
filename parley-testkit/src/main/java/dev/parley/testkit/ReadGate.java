package dev.parley.testkit;

/** Lets a reader thread be paused and resumed by the test. */
final class ReadGate {
  private boolean paused;

  synchronized void pause() {
    paused = true;
  }

  synchronized void resume() {
    paused = false;
    notifyAll();
  }

  synchronized boolean isPaused() {
    return paused;
  }

  synchronized void awaitOpen() {
    while (paused) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
