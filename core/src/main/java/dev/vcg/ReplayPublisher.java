package dev.vcg;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A publisher that keeps what it published and sends it to every subscriber from the first item,
 * at each subscriber's own pace, then completes. Signals to one subscriber are serialised and run
 * on the executor, never on the publishing thread. Items the {@code droppable} predicate accepts
 * are not kept once {@code softLimit} items are held; no item is kept past {@code hardLimit}.
 * Thread-safe.
 *
 * @param <T> the item type
 */
final class ReplayPublisher<T> implements Flow.Publisher<T> {
  private final Executor executor;
  private final int softLimit;
  private final int hardLimit;
  private final Predicate<T> droppable;
  private final List<T> items = new ArrayList<>();
  private final List<Sub> subscribers = new CopyOnWriteArrayList<>();
  private boolean completed;
  private long dropped;

  ReplayPublisher(Executor executor, int softLimit, int hardLimit, Predicate<T> droppable) {
    this.executor = Objects.requireNonNull(executor, "executor");
    this.softLimit = softLimit;
    this.hardLimit = hardLimit;
    this.droppable = Objects.requireNonNull(droppable, "droppable");
  }

  /** Publishes an item; ignored after {@link #complete()}. */
  void publish(T item) {
    Objects.requireNonNull(item, "item");
    synchronized (this) {
      if (completed) {
        return;
      }
      if (items.size() >= hardLimit || (items.size() >= softLimit && droppable.test(item))) {
        dropped++;
        return;
      }
      items.add(item);
    }
    subscribers.forEach(Sub::signal);
  }

  /** Ends the stream: subscribers get {@code onComplete} after the last item. */
  void complete() {
    synchronized (this) {
      if (completed) {
        return;
      }
      completed = true;
    }
    subscribers.forEach(Sub::signal);
  }

  synchronized long dropped() {
    return dropped;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    Sub s = new Sub(subscriber);
    subscribers.add(s);
    s.signal();
  }

  private final class Sub implements Flow.Subscription {
    private final Flow.Subscriber<? super T> subscriber;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean cancelled;
    private volatile boolean badRequest;
    private boolean subscribed;
    private boolean done;
    private int next;

    Sub(Flow.Subscriber<? super T> subscriber) {
      this.subscriber = subscriber;
    }

    void signal() {
      if (wip.getAndIncrement() == 0) {
        try {
          executor.execute(this::drain);
        } catch (RuntimeException e) {
          // The executor refused (it is shut down): nobody can be told any more.
          wip.set(0);
          cancel();
        }
      }
    }

    private void drain() {
      int missed = 1;
      while (true) {
        if (!subscribed) {
          subscribed = true;
          try {
            subscriber.onSubscribe(this);
          } catch (RuntimeException e) {
            cancel();
          }
        }
        if (!done && !cancelled) {
          if (badRequest) {
            finish();
            subscriber.onError(new IllegalArgumentException("request(n) needs n > 0 (Reactive Streams rule 3.9)"));
          } else {
            emit();
          }
        }
        missed = wip.addAndGet(-missed);
        if (missed == 0) {
          return;
        }
      }
    }

    private void emit() {
      while (!cancelled) {
        T item = null;
        boolean end;
        synchronized (ReplayPublisher.this) {
          if (demand.get() > 0 && next < items.size()) {
            item = items.get(next++);
          }
          end = completed && next >= items.size();
        }
        if (item != null) {
          if (demand.get() != Long.MAX_VALUE) {
            demand.decrementAndGet();
          }
          try {
            subscriber.onNext(item);
          } catch (RuntimeException e) {
            cancel();
            return;
          }
          continue;
        }
        if (end) {
          finish();
          subscriber.onComplete();
        }
        return;
      }
    }

    private void finish() {
      done = true;
      subscribers.remove(this);
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        badRequest = true;
      } else {
        demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
      }
      signal();
    }

    @Override
    public void cancel() {
      cancelled = true;
      subscribers.remove(this);
    }
  }
}
