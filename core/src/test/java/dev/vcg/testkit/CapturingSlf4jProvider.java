package dev.vcg.testkit;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An SLF4J 2 backend for tests that records every event at every level into {@link CapturedLogs},
 * so secret-leak tests can search everything the library logs. Registered in
 * {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider} of the test-jar. Events at or above
 * the level named by the system property {@code vcg.test.log} (e.g. {@code -Dvcg.test.log=debug})
 * are also printed to standard error.
 */
public final class CapturingSlf4jProvider implements SLF4JServiceProvider {
  private final Factory factory = new Factory();
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new BasicMDCAdapter();

  /** Creates the provider (called by SLF4J's service loading). */
  public CapturingSlf4jProvider() {
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
  }

  /** Hands out one capturing logger per name. */
  static final class Factory implements ILoggerFactory {
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final Level echo = echoLevel();

    @Override
    public Logger getLogger(String name) {
      return loggers.computeIfAbsent(name, n -> new CapturingLogger(n, echo));
    }

    private static Level echoLevel() {
      String v = System.getProperty("vcg.test.log");
      if (v == null || v.isBlank()) {
        return null;
      }
      try {
        return Level.valueOf(v.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }

  private static final class CapturingLogger extends AbstractLogger {
    private static final long serialVersionUID = 1L;
    private final transient Level echo;

    CapturingLogger(String name, Level echo) {
      this.name = name;
      this.echo = echo;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                               Throwable throwable) {
      String message = MessageFormatter.basicArrayFormat(pattern, args);
      String trace = null;
      if (throwable != null) {
        StringWriter sw = new StringWriter();
        throwable.printStackTrace(new PrintWriter(sw));
        trace = sw.toString();
      }
      LogEvent event = new LogEvent(level, name, Thread.currentThread().getName(), message == null ? "null" : message,
          trace);
      CapturedLogs.add(event);
      if (echo != null && level.toInt() >= echo.toInt()) {
        System.err.println(event.text());
      }
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
      return true;
    }
  }
}
