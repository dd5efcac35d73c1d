package dev.vcg.workflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * The events of one run: kept (up to the engine's buffer size) so that a subscriber that arrives
 * after the run started still sees them from the first, and fanned out to the run's listeners,
 * its subscribers and the engine's listeners. {@link #emit} and {@link #close} are called under
 * the run's lock, which orders the events.
 */
final class RunEvents implements Flow.Publisher<WorkflowEvent> {
  private final Run run;
  private final WorkflowEngine engine;
  private final ArrayDeque<WorkflowEvent> history = new ArrayDeque<>();
  private final List<EventChannel> channels = new ArrayList<>(2);
  private boolean closed;

  RunEvents(Run run, WorkflowEngine engine, List<WorkflowListener> listeners) {
    this.run = run;
    this.engine = engine;
    for (WorkflowListener l : listeners) {
      EventChannel ch = EventChannel.forListener(l, engine.eventExecutor(), engine.eventBufferSize(),
          engine.recorder()::droppedEvent);
      channels.add(ch);
      ch.start();
    }
  }

  void emit(WorkflowEvent e) {
    if (history.size() >= engine.eventBufferSize()) {
      history.pollFirst();
    }
    history.addLast(e);
    for (EventChannel ch : channels) {
      ch.offer(e);
    }
    for (EventChannel ch : engine.listenerChannels()) {
      ch.offer(e);
    }
  }

  void close() {
    closed = true;
    for (EventChannel ch : channels) {
      ch.complete();
    }
    channels.clear();
  }

  /**
   * Subscribes to the run's events from its first (within the engine's buffer size). The
   * subscriber is completed after the run's terminal event; it receives {@code onError} if it
   * falls more than the buffer size behind.
   */
  @Override
  public void subscribe(Flow.Subscriber<? super WorkflowEvent> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    EventChannel ch = EventChannel.forSubscriber(subscriber, engine.eventExecutor(),
        Math.max(engine.eventBufferSize(), 1));
    synchronized (run) {
      for (WorkflowEvent e : history) {
        ch.offer(e);
      }
      if (closed) {
        ch.complete();
      } else {
        channels.add(ch);
      }
    }
    ch.start();
  }
}
