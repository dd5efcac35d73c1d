package dev.vcg.workflow;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to one subscriber or listener through its own bounded queue, drained by one
 * task at a time on the event executor, so a slow or failing consumer never blocks the run that
 * offers events. When the queue holds {@code capacity} events, further progress events do not
 * fit; other events fit up to four times the capacity. A listener channel then drops events
 * (counted); a subscriber channel ends the subscription with {@code onError} instead (Reactive
 * Streams forbids silently skipping items).
 */
final class EventChannel implements Flow.Subscription {
  private static final Logger LOG = LoggerFactory.getLogger(EventChannel.class);

  private final Flow.Subscriber<? super WorkflowEvent> subscriber;
  private final Executor executor;
  private final int capacity;
  private final boolean listener;
  private final Runnable onDrop;
  private final ConcurrentLinkedQueue<WorkflowEvent> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicLong demand = new AtomicLong();
  private final AtomicInteger wip = new AtomicInteger();
  private volatile boolean done;
  private volatile boolean cancelled;
  private volatile Throwable error;
  private volatile boolean warned;
  // touched only by the single draining task
  private boolean subscribed;
  private boolean terminated;

  private EventChannel(Flow.Subscriber<? super WorkflowEvent> subscriber, Executor executor, int capacity,
                       boolean listener, Runnable onDrop) {
    this.subscriber = subscriber;
    this.executor = executor;
    this.capacity = capacity;
    this.listener = listener;
    this.onDrop = onDrop;
  }

  static EventChannel forSubscriber(Flow.Subscriber<? super WorkflowEvent> subscriber, Executor executor, int capacity) {
    return new EventChannel(subscriber, executor, capacity, false, () -> { });
  }

  static EventChannel forListener(WorkflowListener listener, Executor executor, int capacity, Runnable onDrop) {
    Flow.Subscriber<WorkflowEvent> s = new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(WorkflowEvent item) {
        listener.onEvent(item);
      }

      @Override
      public void onError(Throwable throwable) {
      }

      @Override
      public void onComplete() {
      }

      @Override
      public String toString() {
        return listener.toString();
      }
    };
    return new EventChannel(s, executor, capacity, true, onDrop);
  }

  /** Queues an event; never blocks. */
  void offer(WorkflowEvent event) {
    if (cancelled || done || error != null) {
      return;
    }
    int queued = size.get();
    // Progress events are superseded by later ones: they are the first to go when the queue is
    // full. Other events may use up to four times the capacity before they are dropped too.
    if ((queued >= capacity && event instanceof WorkflowEvent.StepProgress) || queued >= 4 * capacity) {
      if (listener) {
        onDrop.run();
        if (!warned) {
          warned = true;
          LOG.warn("listener {} is {} events behind; further events for it are dropped until it catches up",
              subscriber, capacity);
        }
        return;
      }
      error = new WorkflowException("an event subscriber fell " + capacity + " events behind; request events "
          + "promptly, or use a WorkflowListener (which drops instead)", null, WorkflowException.Stage.STEP, false, null);
      schedule();
      return;
    }
    queue.offer(event);
    size.incrementAndGet();
    schedule();
  }

  /** No more events will be offered. */
  void complete() {
    done = true;
    schedule();
  }

  void start() {
    schedule();
  }

  @Override
  public void request(long n) {
    if (n <= 0) {
      error = new IllegalArgumentException("Flow.Subscription.request needs a positive number (rule 3.9): " + n);
    } else {
      long r;
      long next;
      do {
        r = demand.get();
        next = r + n < 0 ? Long.MAX_VALUE : r + n;
      } while (!demand.compareAndSet(r, next));
    }
    schedule();
  }

  @Override
  public void cancel() {
    cancelled = true;
    schedule();
  }

  private void schedule() {
    if (wip.getAndIncrement() == 0) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        cancelled = true;
        queue.clear();
        wip.set(0);
        LOG.debug("event executor refused delivery to {}", subscriber);
      }
    }
  }

  private void drain() {
    int missed = 1;
    for (;;) {
      if (!subscribed) {
        subscribed = true;
        try {
          subscriber.onSubscribe(this);
        } catch (Throwable t) {
          LOG.warn("event subscriber {} threw from onSubscribe; it is cancelled", subscriber, t);
          cancelled = true;
        }
      }
      if (!terminated) {
        if (cancelled) {
          terminated = true;
          queue.clear();
          size.set(0);
        } else if (error != null) {
          terminated = true;
          queue.clear();
          size.set(0);
          try {
            subscriber.onError(error);
          } catch (Throwable t) {
            LOG.warn("event subscriber {} threw from onError", subscriber, t);
          }
        } else {
          deliver();
        }
      }
      missed = wip.addAndGet(-missed);
      if (missed == 0) {
        return;
      }
    }
  }

  private void deliver() {
    long requested = demand.get();
    long emitted = 0;
    while (emitted != requested && !cancelled && error == null) {
      WorkflowEvent e = queue.poll();
      if (e == null) {
        break;
      }
      size.decrementAndGet();
      emitted++;
      try {
        subscriber.onNext(e);
      } catch (Throwable t) {
        if (listener) {
          LOG.warn("workflow listener {} threw on {}; ignored", subscriber, e.getClass().getSimpleName(), t);
        } else {
          LOG.warn("event subscriber {} threw from onNext; it is cancelled (rule 2.13)", subscriber, t);
          cancelled = true;
        }
      }
    }
    if (emitted > 0 && requested != Long.MAX_VALUE) {
      demand.addAndGet(-emitted);
    }
    if (!cancelled && error == null && done && queue.isEmpty()) {
      terminated = true;
      try {
        subscriber.onComplete();
      } catch (Throwable t) {
        LOG.warn("event subscriber {} threw from onComplete", subscriber, t);
      }
    }
  }
}
