package dev.vcg.workflow;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vcg.cost.CostEntry;
import dev.vcg.cost.CostLedger;
import dev.vcg.media.MediaRef;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a step attempt sees of its run: typed values of earlier steps, the input, the cost
 * ledger, and ways to report progress, decisions, costs and ready assets, to notice
 * cancellation and to suspend the run with questions.
 *
 * <p>Inside a child workflow, {@link #get} and {@link #require} look a name up in the child
 * first and then in the enclosing run, so child steps read their siblings' results by their
 * short names and the parent's results too.
 *
 * <p>One instance per attempt; thread-safe.
 */
public final class StepContext {
  private final Run run;
  private final Node node;
  private final int attempt;
  private final long token;
  private volatile boolean cancelled;

  StepContext(Run run, Node node, int attempt, long token) {
    this.run = run;
    this.node = node;
    this.attempt = attempt;
    this.token = token;
  }

  /** @return the step's full name ({@code parent/child} inside child workflows) */
  public String stepName() {
    return node.path;
  }

  /** @return this attempt's number, from 1 */
  public int attempt() {
    return attempt;
  }

  /** @return the run's id */
  public String runId() {
    return run.context.runId();
  }

  /** @return the whole state of the run */
  public WorkflowContext context() {
    return run.context;
  }

  /**
   * A value by key, looked up in this step's child workflow first, then in the enclosing ones.
   *
   * @param key the value's name and type
   * @param <T> the value's type
   * @return the value, or empty
   * @throws WorkflowException if the stored JSON does not fit the key's type
   */
  public <T> Optional<T> get(Key<T> key) {
    Objects.requireNonNull(key, "key");
    String scope = node.scope;
    while (true) {
      WorkflowContext.Entry e = run.context.entry(scope + key.name());
      if (e != null) {
        return Optional.of(run.context.read(e, key));
      }
      if (scope.isEmpty()) {
        return Optional.empty();
      }
      int cut = scope.lastIndexOf('/', scope.length() - 2);
      scope = cut < 0 ? "" : scope.substring(0, cut + 1);
    }
  }

  /**
   * A value that must be there.
   *
   * @param key the value's name and type
   * @param <T> the value's type
   * @return the value
   * @throws WorkflowException if there is none or it does not fit the type
   */
  public <T> T require(Key<T> key) {
    return get(key).orElseThrow(() -> run.context.missing(key.name()));
  }

  /**
   * Stores an extra value in this step's scope (inside a child workflow: {@code parent/name}).
   *
   * @param key the value's name and type
   * @param value the value, JSON-serialisable
   * @param <T> the value's type
   * @throws WorkflowException if the value cannot be written as JSON
   */
  public <T> void put(Key<T> key, T value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    String name = node.scope + key.name();
    run.context.putEntry(name, run.context.entryOf(name, value));
  }

  /**
   * @param type the input's class
   * @param <T> the input's type
   * @return the run's input
   * @throws WorkflowException if there is none or it does not fit the type
   * @see WorkflowContext#input(Class)
   */
  public <T> T input(Class<T> type) {
    return run.context.input(type);
  }

  /**
   * @param type the input's type
   * @param <T> the input's type
   * @return the run's input
   * @throws WorkflowException if there is none or it does not fit the type
   */
  public <T> T input(TypeReference<T> type) {
    return run.context.input(type);
  }

  /**
   * Reports how far this step is; feeds the run's overall progress (which never goes backwards).
   *
   * @param fraction 0 to 1 (clamped)
   */
  public void progress(double fraction) {
    progress(fraction, "");
  }

  /**
   * Reports how far this step is, with a message for the user.
   *
   * @param fraction 0 to 1 (clamped)
   * @param message what it is doing
   */
  public void progress(double fraction, String message) {
    run.stepProgress(node, token, fraction, Objects.requireNonNull(message, "message"));
  }

  /**
   * Whether this attempt should stop: the run was cancelled or failed, or the attempt timed out.
   * Long steps should check it between units of work (the thread is also interrupted).
   *
   * @return whether to stop
   */
  public boolean isCancelled() {
    return cancelled;
  }

  /**
   * Stops the step if {@link #isCancelled()}.
   *
   * @throws WorkflowException with stage {@link WorkflowException.Stage#CANCEL} if cancelled
   */
  public void checkCancelled() {
    if (cancelled) {
      throw new WorkflowException("step " + node.path + " of run " + runId() + " was cancelled", node.path,
          WorkflowException.Stage.CANCEL, false, null);
    }
  }

  /**
   * Records a decision and its reason in the run's context.
   *
   * @param what what was decided
   * @param why the reason
   */
  public void decide(String what, String why) {
    run.context.addDecision(new Decision(node.path, what, why, now()));
  }

  /** @return the run's ledger (reserve before a paid call; entries recorded here are reported as events) */
  public CostLedger costs() {
    return run.context.costs();
  }

  /**
   * Records a cost in the run's ledger and reports it as a {@link WorkflowEvent.CostIncurred}.
   * Entries settled directly on {@link #costs()} are reported when the step ends.
   *
   * @param entry what was paid
   */
  public void recordCost(CostEntry entry) {
    run.context.costs().record(Objects.requireNonNull(entry, "entry"));
    run.announceCosts();
  }

  /**
   * Reports media ready to preview before the run ends (e.g. a finished segment).
   *
   * @param label what it is, e.g. {@code shot-3}
   * @param media the media
   */
  public void assetReady(String label, MediaRef media) {
    run.assetReady(node, Objects.requireNonNull(label, "label"), Objects.requireNonNull(media, "media"));
  }

  /** @return the answers given for this step when the run was resumed after it suspended */
  public Optional<Answers> answers() {
    return run.context.answers(node.path);
  }

  /**
   * Suspends the run: this step ends without a value, no further step starts, running steps
   * finish, and the run ends {@link RunStatus#SUSPENDED} with the suspension saved.
   * {@link WorkflowEngine#resume(String, Answers)} runs this step again with {@link #answers()}.
   * Use as {@code return ctx.suspend(...)}; do not catch what it throws.
   *
   * @param suspension the questions
   * @param <R> any type, so that it can be returned
   * @return never returns
   */
  public <R> R suspend(Suspension suspension) {
    throw new SuspendSignal(Objects.requireNonNull(suspension, "suspension"));
  }

  /** @return the engine's clock */
  public Clock clock() {
    return run.engine.clock();
  }

  /** @return now, by the engine's clock */
  public Instant now() {
    return run.engine.clock().instant();
  }

  void cancel() {
    cancelled = true;
  }

  long token() {
    return token;
  }
}
