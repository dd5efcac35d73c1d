package dev.vcg.workflow;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** A listener that keeps every event and can wait for the terminal one. */
final class Recorder implements WorkflowListener {
  final List<WorkflowEvent> events = new CopyOnWriteArrayList<>();
  private final CountDownLatch terminal = new CountDownLatch(1);

  @Override
  public void onEvent(WorkflowEvent event) {
    synchronized (this) {
      events.add(event);
      notifyAll();
    }
    if (event.isTerminal()) {
      terminal.countDown();
    }
  }

  /** Waits (up to 10 s) for an event of the type that matches. */
  synchronized <E extends WorkflowEvent> E await(Class<E> type, java.util.function.Predicate<E> match)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      for (WorkflowEvent e : events) {
        if (type.isInstance(e) && match.test(type.cast(e))) {
          return type.cast(e);
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no matching " + type.getSimpleName() + "; got " + names());
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  Recorder awaitTerminal() throws InterruptedException {
    if (!terminal.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("no terminal event; got " + names());
    }
    return this;
  }

  <E extends WorkflowEvent> List<E> of(Class<E> type) {
    return events.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
  }

  List<String> names() {
    return events.stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.toList());
  }
}
