package dev.vcg.workflow;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vcg.cost.CostLedger;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The state of one run: its id, workflow, user, input, which steps are running and done, the
 * typed values steps produced (by {@link Key}), the decisions taken and why, metadata, and the
 * {@link CostLedger} of what it spent. Checkpointed as JSON to the {@link ContextStore} after
 * every step and restored on resume; API keys are never written.
 *
 * <p>Values should be immutable and JSON-serialisable (records, strings, lists, the library's
 * value types). Inside a run, {@link #get} returns the very object a step stored; after a
 * resume it returns an equal object read from JSON with the key's type.
 *
 * <p>Thread-safe: steps running in parallel share it.
 */
public final class WorkflowContext {
  private final String runId;
  private final String workflow;
  private final String userId;
  private final Instant startedAt;
  private final Object input;
  private final JsonNode inputJson;
  private volatile String inputText;
  private final CostLedger costs;
  private final Map<String, Entry> data = new LinkedHashMap<>();
  private final List<Decision> decisions = new ArrayList<>();
  private final Map<String, String> metadata = new LinkedHashMap<>();
  private final Map<String, Answers> answers = new LinkedHashMap<>();
  private final Set<String> current = new LinkedHashSet<>();
  private final Set<String> completed = new LinkedHashSet<>();

  WorkflowContext(String runId, String workflow, String userId, Instant startedAt, Object input, JsonNode inputJson,
                  CostLedger costs) {
    this.runId = runId;
    this.workflow = workflow;
    this.userId = userId;
    this.startedAt = startedAt;
    this.input = input;
    this.inputJson = inputJson;
    this.costs = costs;
  }

  /** A stored value: the live object (if this process has it) and its JSON. */
  static final class Entry {
    volatile Object value;
    volatile JavaType valueType;
    final JsonNode json;
    private volatile String text;

    Entry(Object value, JavaType valueType, JsonNode json) {
      this.value = value;
      this.valueType = valueType;
      this.json = json;
    }

    String text() {
      String t = text;
      if (t == null) {
        t = Codec.write(json);
        text = t;
      }
      return t;
    }
  }

  /** @return the run's id */
  public String runId() {
    return runId;
  }

  /** @return the workflow's name */
  public String workflow() {
    return workflow;
  }

  /** @return the user the run belongs to, if known */
  public Optional<String> userId() {
    return Optional.ofNullable(userId);
  }

  /** @return when the run was first started */
  public Instant startedAt() {
    return startedAt;
  }

  /** @return whether the run was started with an input */
  public boolean hasInput() {
    return inputJson != null && !inputJson.isNull();
  }

  /**
   * The run's input as the given type: the object passed to {@link WorkflowEngine#start}, or,
   * after a resume, the saved input read as that type.
   *
   * @param type the input's class
   * @param <T> the input's type
   * @return the input
   * @throws WorkflowException if the run has no input or its JSON does not fit the type
   */
  public <T> T input(Class<T> type) {
    Objects.requireNonNull(type, "type");
    if (type.isInstance(input)) {
      return type.cast(input);
    }
    return readInput(type);
  }

  /**
   * The run's input as a generic type.
   *
   * @param type the input's type
   * @param <T> the input's type
   * @return the input
   * @throws WorkflowException if the run has no input or its JSON does not fit the type
   */
  public <T> T input(TypeReference<T> type) {
    Objects.requireNonNull(type, "type");
    if (input != null && type.getType() instanceof Class<?> c && c.isInstance(input)) {
      @SuppressWarnings("unchecked")
      T t = (T) input;
      return t;
    }
    return readInput(type.getType());
  }

  private <T> T readInput(Type type) {
    if (!hasInput()) {
      throw new WorkflowException("run " + runId + " was started without an input; pass one to WorkflowEngine.start",
          null, WorkflowException.Stage.STEP, false, null);
    }
    try {
      return Codec.convert(inputJson, Codec.MAPPER.getTypeFactory().constructType(type));
    } catch (IllegalArgumentException e) {
      throw new WorkflowException("the input of run " + runId + " cannot be read as " + type.getTypeName() + ": "
          + e.getMessage() + ". Read it with the type it was started with.", null, WorkflowException.Stage.STEP, false, e);
    }
  }

  /**
   * A value by key.
   *
   * @param key the value's name and type
   * @param <T> the value's type
   * @return the value, or empty when no step stored one (not run yet, skipped, failed, or returned null)
   * @throws WorkflowException if the stored JSON does not fit the key's type
   */
  public <T> Optional<T> get(Key<T> key) {
    Objects.requireNonNull(key, "key");
    Entry e;
    synchronized (this) {
      e = data.get(key.name());
    }
    return e == null ? Optional.empty() : Optional.of(read(e, key));
  }

  /**
   * A value that must be there.
   *
   * @param key the value's name and type
   * @param <T> the value's type
   * @return the value
   * @throws WorkflowException if there is no value (a step that should have produced it was
   *     skipped, failed or returned null) or it does not fit the type
   */
  public <T> T require(Key<T> key) {
    return get(key).orElseThrow(() -> missing(key.name()));
  }

  WorkflowException missing(String name) {
    return new WorkflowException("run " + runId + " has no value '" + name
        + "': the step that produces it has not completed, was skipped, failed or returned null. "
        + "Make the reading step depend on it, or use get(..) for optional values.", null,
        WorkflowException.Stage.STEP, false, null);
  }

  /**
   * Stores a value (replacing any value by that name). It is checkpointed with the next step.
   *
   * @param key the value's name and type
   * @param value the value, JSON-serialisable
   * @param <T> the value's type
   * @throws WorkflowException if the value cannot be written as JSON
   */
  public <T> void put(Key<T> key, T value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    putEntry(key.name(), entryOf(key.name(), value));
  }

  /** @return the names of all stored values */
  public synchronized Set<String> keys() {
    return Set.copyOf(data.keySet());
  }

  /**
   * @param name a value's name
   * @return whether a value is stored by that name
   */
  public synchronized boolean contains(String name) {
    return data.containsKey(name);
  }

  /** @return the steps running now (including those waiting for a job or a retry) */
  public synchronized Set<String> currentSteps() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(current));
  }

  /** @return the steps done (completed, skipped, or optional and failed), in the order they finished */
  public synchronized List<String> completedSteps() {
    return List.copyOf(completed);
  }

  /** @return the decisions taken so far, oldest first */
  public synchronized List<Decision> decisions() {
    return List.copyOf(decisions);
  }

  /**
   * Records a decision not tied to a step.
   *
   * @param what what was decided
   * @param why the reason
   * @param at when
   */
  public void decide(String what, String why, Instant at) {
    addDecision(new Decision("", what, why, at));
  }

  synchronized void addDecision(Decision d) {
    decisions.add(Objects.requireNonNull(d, "decision"));
  }

  /** @return the metadata (a copy) */
  public synchronized Map<String, String> metadata() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /**
   * Sets a metadata value (e.g. an estimate or a confidence), checkpointed with the next step.
   *
   * @param key the name
   * @param value the value
   */
  public synchronized void putMetadata(String key, String value) {
    metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
  }

  /** @return the run's ledger: record spend through it, reserve before paid calls */
  public CostLedger costs() {
    return costs;
  }

  /**
   * @param step a step's name
   * @return the answers given for that step when the run was resumed, if any
   */
  public synchronized Optional<Answers> answers(String step) {
    return Optional.ofNullable(answers.get(step));
  }

  @Override
  public String toString() {
    return "WorkflowContext[" + runId + ", " + workflow + ", " + keys().size() + " values]";
  }

  // ---- engine side ----

  Object inputValue() {
    return input;
  }

  JsonNode inputJson() {
    return inputJson;
  }

  <T> T read(Entry e, Key<T> key) {
    Object v = e.value;
    JavaType want = key.javaType();
    if (v != null && (want.equals(e.valueType) || want.getRawClass().isInstance(v))) {
      @SuppressWarnings("unchecked")
      T t = (T) v;
      return t;
    }
    try {
      T t = Codec.convert(e.json, want);
      e.value = t;
      e.valueType = want;
      return t;
    } catch (IllegalArgumentException ex) {
      throw new WorkflowException("value '" + key.name() + "' of run " + runId + " cannot be read as "
          + key.type().getTypeName() + ": " + ex.getMessage() + ". Read it with the key it was stored with.",
          null, WorkflowException.Stage.STEP, false, ex);
    }
  }

  Entry entryOf(String name, Object value) {
    JsonNode json;
    try {
      json = Codec.toTree(value);
    } catch (IllegalArgumentException e) {
      throw new WorkflowException("value '" + name + "' (" + value.getClass().getName()
          + ") cannot be saved as JSON: " + e.getMessage()
          + ". Store records or other Jackson-serialisable types in the context.", name, WorkflowException.Stage.STEP,
          false, e);
    }
    return new Entry(value, null, json);
  }

  synchronized void putEntry(String name, Entry e) {
    data.put(name, e);
  }

  synchronized Entry entry(String name) {
    return data.get(name);
  }

  /** Appends the values as the members of a JSON object. */
  synchronized void appendData(StringBuilder sb) {
    boolean first = true;
    for (Map.Entry<String, Entry> e : data.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append(Codec.quote(e.getKey())).append(':').append(e.getValue().text());
    }
  }

  String inputText() {
    String t = inputText;
    if (t == null) {
      t = inputJson == null ? "null" : Codec.write(inputJson);
      inputText = t;
    }
    return t;
  }

  synchronized void putAnswers(String step, Answers a) {
    answers.put(step, a);
  }

  synchronized void removeAnswers(String step) {
    answers.remove(step);
  }

  synchronized Map<String, Answers> allAnswers() {
    return new LinkedHashMap<>(answers);
  }

  synchronized void stepStarted(String step) {
    current.add(step);
  }

  synchronized void stepStopped(String step) {
    current.remove(step);
  }

  synchronized void stepDone(String step) {
    current.remove(step);
    completed.add(step);
  }
}
