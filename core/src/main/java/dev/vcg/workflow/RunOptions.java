package dev.vcg.workflow;

import dev.vcg.cost.Money;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of one run: its id, the user it belongs to, a budget, metadata and listeners.
 *
 * <pre>{@code
 * RunOptions o = RunOptions.builder().userId("u-42").budget(Money.usd("2.50")).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RunOptions {
  private static final RunOptions DEFAULTS = builder().build();

  private final String runId;
  private final String userId;
  private final Money budget;
  private final Map<String, String> metadata;
  private final List<WorkflowListener> listeners;

  private RunOptions(Builder b) {
    this.runId = b.runId;
    this.userId = b.userId;
    this.budget = b.budget;
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
    this.listeners = List.copyOf(b.listeners);
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return no options: a random id, no user, no budget */
  public static RunOptions defaults() {
    return DEFAULTS;
  }

  /** @return the run id to use, if given (else a random UUID) */
  public Optional<String> runId() {
    return Optional.ofNullable(runId);
  }

  /** @return the user the run belongs to, if given */
  public Optional<String> userId() {
    return Optional.ofNullable(userId);
  }

  /** @return the most the run may spend, if capped */
  public Optional<Money> budget() {
    return Optional.ofNullable(budget);
  }

  /** @return initial metadata of the run */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** @return listeners of this run only */
  public List<WorkflowListener> listeners() {
    return listeners;
  }

  /** Builds {@link RunOptions}. Not thread-safe. */
  public static final class Builder {
    private String runId;
    private String userId;
    private Money budget;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final List<WorkflowListener> listeners = new ArrayList<>();

    private Builder() {
    }

    /**
     * @param runId the id to use (1–128 letters, digits, {@code . _ -}); must not be in use
     * @return this builder
     * @throws IllegalArgumentException if the id has other characters or length
     */
    public Builder runId(String runId) {
      this.runId = checkRunId(runId);
      return this;
    }

    /**
     * @param userId the user the run belongs to
     * @return this builder
     */
    public Builder userId(String userId) {
      this.userId = Objects.requireNonNull(userId, "userId");
      return this;
    }

    /**
     * @param budget the most the run may spend; paid calls that would pass it are refused
     * @return this builder
     */
    public Builder budget(Money budget) {
      this.budget = Objects.requireNonNull(budget, "budget");
      return this;
    }

    /**
     * @param key a metadata name
     * @param value its value
     * @return this builder
     */
    public Builder metadata(String key, String value) {
      metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * @param listener receives this run's events (on its own queue: a slow listener does not slow the run)
     * @return this builder
     */
    public Builder listener(WorkflowListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** @return the options */
    public RunOptions build() {
      return new RunOptions(this);
    }
  }

  static String checkRunId(String runId) {
    Objects.requireNonNull(runId, "runId");
    boolean ok = !runId.isEmpty() && runId.length() <= 128 && runId.charAt(0) != '.';
    for (int i = 0; ok && i < runId.length(); i++) {
      char c = runId.charAt(i);
      ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    }
    if (!ok) {
      throw new IllegalArgumentException("run id must be 1-128 letters, digits, '.', '_' or '-' and not start with '.': '"
          + runId.replaceAll("[^\\x20-\\x7e]", "?") + "'");
    }
    return runId;
  }
}
