package dev.vcg.workflow;

import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
import dev.vcg.provider.VideoResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One node of a {@link Workflow}: a named unit of work whose result is stored in the run's
 * context under its {@link Key}. Three kinds:
 * <ul>
 *   <li>{@link #of(Key, StepAction) an action} runs on the engine's executor and returns a value;</li>
 *   <li>{@link #child(Key, StepAction) a child workflow} builds a workflow from earlier results
 *       (e.g. one generation step per shot of a plan) whose steps then run as part of this run,
 *       named {@code parent/child}; its value is the child workflow's
 *       {@link Workflow.Builder#output(String) output};</li>
 *   <li>{@link #job(Key, JobPoller, StepAction) a job} submits a long-running job, which the
 *       engine checkpoints at once and polls on its scheduler without holding a thread;
 *       {@link #video(Key, VideoProvider, StepAction)} does this for a {@link VideoProvider}.</li>
 * </ul>
 *
 * <p>A step is immutable: {@link #dependsOn}, {@link #when}, {@link #optional()},
 * {@link #retry}, {@link #timeout}, {@link #weight} and {@link #poll} return a changed copy.
 *
 * <pre>{@code
 * Step.of(SCRIPT, ctx -> writer.write(ctx.require(BRIEF)))
 *     .dependsOn("brief")
 *     .retry(RetryPolicy.builder().maxAttempts(3).build())
 *     .timeout(Duration.ofMinutes(2))
 *     .weight(3);
 * }</pre>
 *
 * @param <T> the type of the step's result
 */
public final class Step<T> {
  enum Kind { ACTION, CHILD, JOB }

  private final Key<T> key;
  private final Kind kind;
  private final StepAction<?> action;
  private final JobPoller<?, T> poller;
  private final List<String> dependsOn;
  private final Predicate<WorkflowContext> condition;
  private final boolean optional;
  private final RetryPolicy retry;
  private final Duration timeout;
  private final double weight;
  private final PollPolicy poll;

  private Step(Key<T> key, Kind kind, StepAction<?> action, JobPoller<?, T> poller, List<String> dependsOn,
               Predicate<WorkflowContext> condition, boolean optional, RetryPolicy retry, Duration timeout,
               double weight, PollPolicy poll) {
    this.key = key;
    this.kind = kind;
    this.action = action;
    this.poller = poller;
    this.dependsOn = dependsOn;
    this.condition = condition;
    this.optional = optional;
    this.retry = retry;
    this.timeout = timeout;
    this.weight = weight;
    this.poll = poll;
  }

  private static <T> Step<T> create(Key<T> key, Kind kind, StepAction<?> action, JobPoller<?, T> poller) {
    checkName(key.name());
    return new Step<>(key, kind, Objects.requireNonNull(action, "action"), poller, List.of(), null, false,
        RetryPolicy.none(), null, 1, PollPolicy.video());
  }

  /**
   * A step whose result is stored under {@code key}; the step is named after the key.
   *
   * @param key the result's name and type
   * @param action the work
   * @param <T> the result type
   * @return the step
   * @throws IllegalArgumentException if the key's name contains {@code /} or control characters
   */
  public static <T> Step<T> of(Key<T> key, StepAction<T> action) {
    return create(Objects.requireNonNull(key, "key"), Kind.ACTION, action, null);
  }

  /**
   * An untyped step; its result (if any) is stored under {@code Key.of(name, Object.class)}.
   *
   * @param name the step's name
   * @param action the work
   * @return the step
   * @throws IllegalArgumentException if the name is blank or contains {@code /} or control characters
   */
  public static Step<Object> of(String name, StepAction<?> action) {
    return create(Key.of(name, Object.class), Kind.ACTION, action, null);
  }

  /**
   * A step that runs a child workflow built from earlier results. The factory runs when the step's
   * dependencies are done (and again when the run is resumed, so it must build the same workflow
   * from the same context). The child's steps run as part of this run, named
   * {@code <this step>/<child step>}; inside them {@link StepContext#get} looks up names in the
   * child first, then in this run. The step's value is the child's output (see
   * {@link Workflow.Builder#output(String)}), or none.
   *
   * @param key the result's name and type
   * @param factory builds the child workflow
   * @param <T> the result type
   * @return the step
   */
  public static <T> Step<T> child(Key<T> key, StepAction<Workflow> factory) {
    return create(Objects.requireNonNull(key, "key"), Kind.CHILD, factory, null);
  }

  /**
   * An untyped child-workflow step (see {@link #child(Key, StepAction)}).
   *
   * @param name the step's name
   * @param factory builds the child workflow
   * @return the step
   */
  public static Step<Object> child(String name, StepAction<Workflow> factory) {
    return child(Key.of(name, Object.class), factory);
  }

  /**
   * A step that submits a long-running job and waits for it without holding a thread. The
   * submission runs once on the executor (its {@link #retry} applies to failed submissions only;
   * a submission whose outcome is unknown is never repeated). The returned handle is checkpointed
   * before the first poll; then {@code poller} is asked on the engine's scheduler according to the
   * step's {@link #poll} policy. A resumed run polls the saved handle instead of submitting again.
   *
   * @param key the result's name and type
   * @param poller follows the job
   * @param submit submits the job and returns its handle
   * @param <J> the job handle type
   * @param <T> the result type
   * @return the step
   */
  public static <J, T> Step<T> job(Key<T> key, JobPoller<J, T> poller, StepAction<J> submit) {
    return create(Objects.requireNonNull(key, "key"), Kind.JOB, submit, Objects.requireNonNull(poller, "poller"));
  }

  /**
   * A job step for a {@link VideoProvider}: submits the request built by {@code request} with
   * {@link VideoProvider#submit}, polls with {@link VideoProvider#poll}, cancels with
   * {@link VideoProvider#cancel} and records the provider-reported cost.
   *
   * @param key the result's name
   * @param provider the provider
   * @param request builds the request from the context
   * @return the step
   */
  public static Step<VideoResult> video(Key<VideoResult> key, VideoProvider provider, StepAction<VideoRequest> request) {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(request, "request");
    return job(key, JobPoller.video(provider), ctx -> provider.submit(request.run(ctx)));
  }

  /**
   * @param steps names of steps that must be done first (in the same workflow)
   * @return a copy with these dependencies added
   */
  public Step<T> dependsOn(String... steps) {
    LinkedHashSet<String> all = new LinkedHashSet<>(dependsOn);
    for (String s : steps) {
      all.add(Objects.requireNonNull(s, "step"));
    }
    return new Step<>(key, kind, action, poller, List.copyOf(all), condition, optional, retry, timeout, weight, poll);
  }

  /**
   * @param condition evaluated when the dependencies are done; when false the step is skipped
   *     (it has no value, dependants still run)
   * @return a copy with the condition
   */
  public Step<T> when(Predicate<WorkflowContext> condition) {
    return new Step<>(key, kind, action, poller, dependsOn, Objects.requireNonNull(condition, "condition"), optional,
        retry, timeout, weight, poll);
  }

  /**
   * A copy whose failure does not fail the run: the failure is recorded and reported, and
   * dependants run without its value.
   *
   * @return a copy marked optional
   */
  public Step<T> optional() {
    return new Step<>(key, kind, action, poller, dependsOn, condition, true, retry, timeout, weight, poll);
  }

  /**
   * @param retry how failed attempts are retried (default: not at all)
   * @return a copy with the policy
   */
  public Step<T> retry(RetryPolicy retry) {
    return new Step<>(key, kind, action, poller, dependsOn, condition, optional, Objects.requireNonNull(retry, "retry"),
        timeout, weight, poll);
  }

  /**
   * Bounds each attempt: when it passes, the attempt is interrupted, {@link StepContext#isCancelled()}
   * turns true, and the attempt fails with a retryable {@link WorkflowException} (stage
   * {@link WorkflowException.Stage#TIMEOUT}); whatever the abandoned attempt returns later is
   * ignored. For a child-workflow step it bounds building the child. Job steps ignore it: their
   * submission is bounded by the provider's own request timeout (abandoning a paid call could
   * leave a billed job without its id) and their polling by the {@link #poll} deadline.
   *
   * @param timeout the longest an attempt may take
   * @return a copy with the timeout
   * @throws IllegalArgumentException if not positive
   */
  public Step<T> timeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    return new Step<>(key, kind, action, poller, dependsOn, condition, optional, retry, timeout, weight, poll);
  }

  /**
   * @param weight this step's share of the run's progress relative to the others (default 1;
   *     0 for bookkeeping steps)
   * @return a copy with the weight
   * @throws IllegalArgumentException if negative or not finite
   */
  public Step<T> weight(double weight) {
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("weight must be a finite number >= 0: " + weight);
    }
    return new Step<>(key, kind, action, poller, dependsOn, condition, optional, retry, timeout, weight, poll);
  }

  /**
   * @param poll how a job step polls (default {@link PollPolicy#video()}); ignored by other steps
   * @return a copy with the policy
   */
  public Step<T> poll(PollPolicy poll) {
    return new Step<>(key, kind, action, poller, dependsOn, condition, optional, retry, timeout, weight,
        Objects.requireNonNull(poll, "poll"));
  }

  /** @return the step's name (its key's name) */
  public String name() {
    return key.name();
  }

  /** @return the key the result is stored under */
  public Key<T> key() {
    return key;
  }

  /** @return the names of the steps that must be done first */
  public List<String> dependencies() {
    return dependsOn;
  }

  /** @return whether the run goes on when this step fails */
  public boolean isOptional() {
    return optional;
  }

  /** @return the retry policy */
  public RetryPolicy retryPolicy() {
    return retry;
  }

  /** @return the per-attempt timeout, if any */
  public Optional<Duration> attemptTimeout() {
    return Optional.ofNullable(timeout);
  }

  /** @return the progress weight */
  public double progressWeight() {
    return weight;
  }

  /** @return the poll policy of a job step */
  public PollPolicy pollPolicy() {
    return poll;
  }

  Kind kind() {
    return kind;
  }

  StepAction<?> action() {
    return action;
  }

  JobPoller<?, T> poller() {
    return poller;
  }

  Predicate<WorkflowContext> condition() {
    return condition;
  }

  static void checkName(String name) {
    if (name.isBlank()) {
      throw new IllegalArgumentException("step name is blank");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || Character.isISOControl(c)) {
        throw new IllegalArgumentException("step name '" + name.replaceAll("\\p{Cntrl}", "?")
            + "' contains '/' or a control character; '/' separates child steps");
      }
    }
  }

  @Override
  public String toString() {
    List<String> flags = new ArrayList<>();
    if (optional) {
      flags.add("optional");
    }
    if (condition != null) {
      flags.add("conditional");
    }
    return "Step[" + name() + ", " + kind.name().toLowerCase(java.util.Locale.ROOT)
        + (dependsOn.isEmpty() ? "" : ", after " + dependsOn)
        + (flags.isEmpty() ? "" : ", " + String.join(", ", Collections.unmodifiableList(flags))) + "]";
  }
}
