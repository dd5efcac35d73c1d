package dev.vcg.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcg.InvalidInputException;
import dev.vcg.cost.CostLedger;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Workflow}s: starts ready steps in parallel on its executor, retries and times them
 * out on its scheduler, polls long-running jobs without holding threads, checkpoints every run to
 * its {@link ContextStore} after every step, resumes saved runs by id, and reports
 * {@link WorkflowEvent}s and {@link WorkflowMetrics}.
 *
 * <pre>{@code
 * try (WorkflowEngine engine = WorkflowEngine.builder()
 *     .store(ContextStore.directory(Path.of("runs")))
 *     .register(workflow)
 *     .build()) {
 *   RunOutcome outcome = engine.start(workflow, input).result().join();
 *   if (outcome.status() == RunStatus.SUSPENDED) {
 *     outcome = engine.resume(outcome.runId(), Answers.of(Map.of("tone", "playful"))).result().join();
 *   }
 * }
 * }</pre>
 *
 * <p>By default steps run on virtual threads when the JVM has them (Java 21+, detected at run
 * time), otherwise on a bounded pool of platform threads; events are delivered on threads of
 * their own (so a blocked listener never takes a step's thread); timers run on one daemon thread;
 * the clock is the system UTC clock; runs are kept in memory. All are replaceable through the
 * builder. Thread-safe.
 */
public final class WorkflowEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkflowEngine.class);

  private final Executor executor;
  private final Executor eventExecutor;
  private final Scheduler scheduler;
  private final Clock clock;
  private final ContextStore store;
  private final int eventBufferSize;
  private final List<EventChannel> listenerChannels;
  private final Map<String, Workflow> workflows = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Run> active = new ConcurrentHashMap<>();
  private final MetricsRecorder metrics = new MetricsRecorder();
  private final List<ExecutorService> owned;
  private final String executorKind;

  private WorkflowEngine(Builder b) {
    List<ExecutorService> own = new ArrayList<>();
    if (b.executor == null) {
      ExecutorService vt = virtualThreadExecutor();
      if (vt != null) {
        this.executor = vt;
        this.executorKind = "virtual threads";
      } else {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(b.maxThreads, b.maxThreads, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), daemonThreads("vcg-workflow-"));
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
        this.executorKind = "pool of " + b.maxThreads + " platform threads";
      }
      own.add((ExecutorService) this.executor);
    } else {
      this.executor = b.executor;
      this.executorKind = "caller's executor";
    }
    if (b.eventExecutor != null) {
      this.eventExecutor = b.eventExecutor;
    } else if (b.executor != null) {
      this.eventExecutor = b.executor;
    } else {
      // Listeners get their own threads, so that blocked listeners cannot take the steps' threads.
      ExecutorService events = virtualThreadExecutor();
      if (events == null) {
        int n = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
        ThreadPoolExecutor pool = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            daemonThreads("vcg-workflow-events-"));
        pool.allowCoreThreadTimeOut(true);
        events = pool;
      }
      own.add(events);
      this.eventExecutor = events;
    }
    if (b.scheduler == null) {
      ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonThreads("vcg-workflow-timer-"));
      timer.setRemoveOnCancelPolicy(true);
      own.add(timer);
      this.scheduler = Scheduler.of(timer);
    } else {
      this.scheduler = b.scheduler;
    }
    this.owned = List.copyOf(own);
    this.clock = b.clock;
    this.store = b.store == null ? ContextStore.inMemory() : b.store;
    this.eventBufferSize = b.eventBufferSize;
    b.workflows.forEach(w -> workflows.put(w.name(), w));
    List<EventChannel> channels = new ArrayList<>();
    for (WorkflowListener l : b.listeners) {
      EventChannel ch = EventChannel.forListener(l, eventExecutor, eventBufferSize, metrics::droppedEvent);
      channels.add(ch);
      ch.start();
    }
    this.listenerChannels = List.copyOf(channels);
    LOG.debug("workflow engine runs steps on {}", executorKind);
  }

  /** @return a builder with the defaults described on this class */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a run with default options.
   *
   * @param workflow the workflow (registered by name, for resuming, if no workflow of that name is)
   * @param input the run's input, JSON-serialisable, or null
   * @return a handle on the run
   * @throws InvalidInputException if the input cannot be saved as JSON
   * @throws IllegalStateException if the engine is closed
   * @see #start(Workflow, Object, RunOptions)
   */
  public WorkflowRun start(Workflow workflow, Object input) {
    return start(workflow, input, RunOptions.defaults());
  }

  /**
   * Starts a run. Steps without dependencies start at once; this method returns without waiting
   * for them (with a caller-runs executor, they run before it returns).
   *
   * @param workflow the workflow (registered by name, for resuming, if no workflow of that name is)
   * @param input the run's input, JSON-serialisable (API keys in it are kept in memory only), or null
   * @param options the run's id, user, budget, metadata and listeners
   * @return a handle on the run
   * @throws InvalidInputException if the input cannot be saved as JSON
   * @throws IllegalArgumentException if {@code options.runId()} is in use, here or in the store
   * @throws IllegalStateException if the engine is closed
   */
  public WorkflowRun start(Workflow workflow, Object input, RunOptions options) {
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(options, "options");
    checkOpen();
    String id = options.runId().orElseGet(() -> UUID.randomUUID().toString());
    if (options.runId().isPresent() && (active.containsKey(id) || store.load(id).isPresent())) {
      throw new IllegalArgumentException("run id '" + id + "' is already in use; resume that run or choose another id");
    }
    JsonNode inputJson = null;
    if (input != null) {
      try {
        inputJson = Codec.toTree(input);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("the input of workflow " + workflow.name() + " (" + input.getClass().getName()
            + ") cannot be saved as JSON: " + e.getMessage() + ". Pass a record or another Jackson-serialisable value.", e);
      }
    }
    workflows.putIfAbsent(workflow.name(), workflow);
    CostLedger ledger = options.budget().map(CostLedger::new).orElseGet(CostLedger::new);
    WorkflowContext ctx = new WorkflowContext(id, workflow.name(), options.userId().orElse(null), clock.instant(), input,
        inputJson, ledger);
    options.metadata().forEach(ctx::putMetadata);
    Run run = new Run(this, workflow, ctx, false, Map.of(), 0, options.listeners());
    if (active.putIfAbsent(id, run) != null) {
      throw new IllegalArgumentException("run id '" + id + "' is already in use; choose another id");
    }
    run.start();
    return new WorkflowRun(run);
  }

  /**
   * Resumes a saved run (after a restart, a failure, a cancellation or a job deadline) with the
   * workflow registered under its name. Completed steps are not run again; a job step with a saved
   * job polls it instead of submitting again.
   *
   * @param runId the run
   * @return a handle on the resumed run
   * @throws WorkflowException if there is no such run, it completed, it is running in this engine,
   *     or its workflow is not registered
   * @throws CorruptCheckpointException if its saved state cannot be read
   */
  public WorkflowRun resume(String runId) {
    return resume(null, runId, Answers.none());
  }

  /**
   * Resumes a run, typically a suspended one, giving answers to its questions: the step that
   * suspended runs again and sees them in {@link StepContext#answers()}.
   *
   * @param runId the run
   * @param answers the answers (given to the step that suspended the run)
   * @return a handle on the resumed run
   * @throws WorkflowException if there is no such run, it completed, it is running in this engine,
   *     or its workflow is not registered
   * @throws CorruptCheckpointException if its saved state cannot be read
   */
  public WorkflowRun resume(String runId, Answers answers) {
    return resume(null, runId, answers);
  }

  /**
   * Resumes a run with the given workflow (for workflows not registered with this engine).
   *
   * @param workflow the run's workflow, by the same name it was started with; null to look it up
   * @param runId the run
   * @param answers the answers, or {@link Answers#none()}
   * @return a handle on the resumed run
   * @throws IllegalArgumentException if the workflow's name differs from the saved run's
   * @throws WorkflowException if there is no such run, it completed or it is running in this engine
   * @throws CorruptCheckpointException if its saved state cannot be read
   */
  public WorkflowRun resume(Workflow workflow, String runId, Answers answers) {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(answers, "answers");
    checkOpen();
    if (active.containsKey(runId)) {
      throw new WorkflowException("run " + runId + " is still running in this engine; wait for its result or cancel it",
          null, WorkflowException.Stage.START, false, null);
    }
    String doc = store.load(runId).orElseThrow(() -> new WorkflowException("there is no saved run " + runId + " in "
        + store + "; check the id and the store", null, WorkflowException.Stage.START, false, null));
    Checkpoints.Restored r = Checkpoints.read(runId, doc);
    if (r.status() == RunStatus.COMPLETED) {
      throw new WorkflowException("run " + runId + " has already completed; there is nothing to resume", null,
          WorkflowException.Stage.START, false, null);
    }
    Workflow wf = workflow;
    if (wf == null) {
      wf = workflows.get(r.workflow());
      if (wf == null) {
        throw new WorkflowException("run " + runId + " belongs to workflow '" + r.workflow() + "', which is not "
            + "registered; register it with WorkflowEngine.builder().register(..) or pass it to resume(..)", null,
            WorkflowException.Stage.START, false, null);
      }
    } else if (!wf.name().equals(r.workflow())) {
      throw new IllegalArgumentException("run " + runId + " belongs to workflow '" + r.workflow() + "', not '"
          + wf.name() + "'");
    }
    if (!answers.isEmpty()) {
      if (r.suspendedStep() != null) {
        r.context().putAnswers(r.suspendedStep(), answers);
      } else {
        LOG.debug("run {} was not suspended; the answers given to resume it are ignored", runId);
      }
    }
    Run run = new Run(this, wf, r.context(), true, r.steps(), r.progress(), List.of());
    if (active.putIfAbsent(runId, run) != null) {
      throw new WorkflowException("run " + runId + " is already being resumed in this engine", null,
          WorkflowException.Stage.START, false, null);
    }
    run.start();
    return new WorkflowRun(run);
  }

  /**
   * @param runId a run
   * @return the handle of the run if it is in progress in this engine
   */
  public Optional<WorkflowRun> activeRun(String runId) {
    Run r = active.get(Objects.requireNonNull(runId, "runId"));
    return r == null ? Optional.empty() : Optional.of(new WorkflowRun(r));
  }

  /**
   * Where a run stands: live if it is in progress here, else as saved.
   *
   * @param runId a run
   * @return its status, or empty if neither this engine nor the store knows it
   * @throws CorruptCheckpointException if its saved state cannot be read
   */
  public Optional<RunStatus> status(String runId) {
    Run r = active.get(Objects.requireNonNull(runId, "runId"));
    if (r != null) {
      return Optional.of(r.status());
    }
    return store.load(runId).map(doc -> Checkpoints.status(runId, doc));
  }

  /** @return a snapshot of the engine's metrics */
  public WorkflowMetrics metrics() {
    return metrics.snapshot(active.size());
  }

  /** @return the engine's clock */
  public Clock clock() {
    return clock;
  }

  /** @return the engine's store */
  public ContextStore store() {
    return store;
  }

  /**
   * Stops the threads the engine created (not executors passed to the builder). Runs still in
   * progress stop advancing; they are checkpointed and can be resumed by another engine.
   */
  @Override
  public void close() {
    closed = true;
    for (ExecutorService s : owned) {
      s.shutdownNow();
    }
  }

  private volatile boolean closed;

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the workflow engine is closed");
    }
  }

  @Override
  public String toString() {
    return "WorkflowEngine[" + executorKind + ", " + store + ", " + active.size() + " active runs]";
  }

  // ---- for runs

  Executor executor() {
    return executor;
  }

  Executor eventExecutor() {
    return eventExecutor;
  }

  Scheduler scheduler() {
    return scheduler;
  }

  int eventBufferSize() {
    return eventBufferSize;
  }

  List<EventChannel> listenerChannels() {
    return listenerChannels;
  }

  MetricsRecorder recorder() {
    return metrics;
  }

  void runEnded(Run run) {
    active.remove(run.id, run);
  }

  /** Java 21+ virtual threads, found reflectively because the library is compiled for Java 17. */
  static ExecutorService virtualThreadExecutor() {
    try {
      Method m = java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
      return (ExecutorService) m.invoke(null);
    } catch (NoSuchMethodException e) {
      return null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Java 19/20 without --enable-preview.
      LOG.debug("virtual threads are not available: {}", e.toString());
      return null;
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Builds a {@link WorkflowEngine}. Not thread-safe. */
  public static final class Builder {
    private Executor executor;
    private Executor eventExecutor;
    private Scheduler scheduler;
    private Clock clock = Clock.systemUTC();
    private ContextStore store;
    private int eventBufferSize = 8192;
    private int maxThreads = Math.max(8, Math.min(32, 8 * Runtime.getRuntime().availableProcessors()));
    private final List<WorkflowListener> listeners = new ArrayList<>();
    private final List<Workflow> workflows = new ArrayList<>();

    private Builder() {
    }

    /**
     * @param executor runs steps, polls and provider cancellations (default: virtual threads on
     *     Java 21+, else a bounded pool); the caller keeps ownership
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * @param eventExecutor delivers events to listeners and subscribers (default: the executor
     *     given to {@link #executor}, else threads of the engine's own, apart from the steps'); must
     *     run tasks on other threads, never the caller's
     * @return this builder
     */
    public Builder eventExecutor(Executor eventExecutor) {
      this.eventExecutor = Objects.requireNonNull(eventExecutor, "eventExecutor");
      return this;
    }

    /**
     * @param scheduler runs retry delays, timeouts and polls (default: one daemon timer thread)
     * @return this builder
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * @param clock the time for events, deadlines and latencies (default UTC system clock); use
     *     the same time source as the scheduler
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @param store where runs are checkpointed (default {@link ContextStore#inMemory()})
     * @return this builder
     */
    public Builder store(ContextStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * @param listener receives the events of every run, on its own bounded queue
     * @return this builder
     */
    public Builder listener(WorkflowListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * @param workflow a workflow that saved runs may be resumed with (by name)
     * @return this builder
     */
    public Builder register(Workflow workflow) {
      workflows.add(Objects.requireNonNull(workflow, "workflow"));
      return this;
    }

    /**
     * @param size events kept per run for late subscribers, and the queue size of each listener
     *     and subscriber (default 8192)
     * @return this builder
     * @throws IllegalArgumentException if less than 16
     */
    public Builder eventBufferSize(int size) {
      if (size < 16) {
        throw new IllegalArgumentException("eventBufferSize must be at least 16: " + size);
      }
      this.eventBufferSize = size;
      return this;
    }

    /**
     * @param maxThreads the size of the default pool when virtual threads are not available
     *     (default 8 × processors, between 8 and 32)
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxThreads(int maxThreads) {
      if (maxThreads < 1) {
        throw new IllegalArgumentException("maxThreads must be at least 1: " + maxThreads);
      }
      this.maxThreads = maxThreads;
      return this;
    }

    /** @return the engine */
    public WorkflowEngine build() {
      return new WorkflowEngine(this);
    }
  }
}
