package dev.vcg.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The log events recorded by the test SLF4J backend ({@link CapturingSlf4jProvider}), which is
 * active whenever the {@code vcg-core} test-jar is on the test class path and no other SLF4J
 * backend is. Every logger is enabled at TRACE, so tests see everything the library would log
 * at any level. Keeps the most recent {@value #CAPACITY} events. Thread-safe.
 *
 * <pre>{@code
 * CapturedLogs.clear();
 * ... run the code ...
 * assertThat(CapturedLogs.text()).doesNotContain(canary);
 * }</pre>
 */
public final class CapturedLogs {
  /** The most events kept. */
  public static final int CAPACITY = 100_000;

  private static final ConcurrentLinkedDeque<LogEvent> EVENTS = new ConcurrentLinkedDeque<>();
  private static final AtomicInteger SIZE = new AtomicInteger();

  private CapturedLogs() {
  }

  /** @return whether the capturing backend is the one SLF4J is using */
  public static boolean active() {
    return org.slf4j.LoggerFactory.getILoggerFactory() instanceof CapturingSlf4jProvider.Factory;
  }

  /** @return the events recorded since the last {@link #clear()}, oldest first */
  public static List<LogEvent> events() {
    return new ArrayList<>(EVENTS);
  }

  /**
   * @param loggerPrefix a logger name or package prefix
   * @return the events of loggers under that name
   */
  public static List<LogEvent> events(String loggerPrefix) {
    Objects.requireNonNull(loggerPrefix, "loggerPrefix");
    return EVENTS.stream().filter(e -> e.logger().startsWith(loggerPrefix)).collect(Collectors.toList());
  }

  /** @return all events as text (messages and stack traces), one event per block */
  public static String text() {
    return EVENTS.stream().map(LogEvent::text).collect(Collectors.joining("\n"));
  }

  /** Forgets all recorded events. */
  public static void clear() {
    EVENTS.clear();
    SIZE.set(0);
  }

  static void add(LogEvent event) {
    EVENTS.addLast(event);
    if (SIZE.incrementAndGet() > CAPACITY) {
      if (EVENTS.pollFirst() != null) {
        SIZE.decrementAndGet();
      }
    }
  }
}
