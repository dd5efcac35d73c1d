package dev.vcg.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcg.VcgException;
import dev.vcg.cost.CostEntry;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.OutcomeUnknownException;
import dev.vcg.workflow.Node.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a workflow in this process: the state machine that starts ready steps, retries,
 * times out, polls jobs, expands child workflows, checkpoints, emits events and ends the run.
 *
 * <p>All state is guarded by {@code this}. Work that may block or call user code (step actions,
 * polls, saves, provider cancellation, completing the result) never runs under the lock: locked
 * methods append it to an effect list that the caller runs after releasing the lock, in order.
 */
final class Run {
  private static final Logger LOG = LoggerFactory.getLogger(Run.class);
  private static final Duration POLL_SAVE_INTERVAL = Duration.ofSeconds(10);
  static final String RESUBMIT_QUESTION = "resubmit";

  /** Why the run stops starting steps, in increasing priority. */
  enum Halt { SUSPEND, TIMEOUT, FAIL, CANCEL }

  final WorkflowEngine engine;
  final Workflow workflow;
  final WorkflowContext context;
  final String id;
  final RunEvents events;
  private final boolean resumed;
  private final Map<String, Checkpoints.SavedStep> saved;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final ArrayDeque<Node> ready = new ArrayDeque<>();
  private final CompletableFuture<RunOutcome> result = new CompletableFuture<>();
  private final Object saveLock = new Object();

  private RunStatus status = RunStatus.RUNNING;
  private Halt halt;
  private WorkflowException failure;
  private Suspension suspension;
  private String suspendedStep;
  private String timedOutStep;
  private String timedOutJob;
  private int busy;
  private int pendingOps;
  private int open;
  private double totalWeight;
  private double doneWeight;
  private double partialWeight;
  private double progress;
  private int announcedCosts;
  private long version;
  private boolean finished;
  private long savedVersion; // guarded by saveLock
  private int lastSnapshotLength = 1024;
  private String decisionsText;
  private int decisionsCount;
  private String costsText;
  private int costsCount;

  Run(WorkflowEngine engine, Workflow workflow, WorkflowContext context, boolean resumed,
      Map<String, Checkpoints.SavedStep> saved, double initialProgress, List<WorkflowListener> listeners) {
    this.engine = engine;
    this.workflow = workflow;
    this.context = context;
    this.id = context.runId();
    this.resumed = resumed;
    this.saved = new HashMap<>(saved);
    this.progress = Math.max(0, Math.min(initialProgress, 0.999_999));
    this.events = new RunEvents(this, engine, listeners);
    synchronized (this) {
      for (Step<?> s : workflow.steps()) {
        totalWeight += s.progressWeight();
      }
      createNodes(workflow.steps(), "", null, totalWeight);
      announcedCosts = context.costs().entries().size();
    }
  }

  // ---------------------------------------------------------------- lifecycle

  void start() {
    List<Runnable> fx = new ArrayList<>();
    synchronized (this) {
      engine.recorder().runStarted(workflow.name(), resumed);
      emit(new WorkflowEvent.RunStarted(id, now(), progress, workflow.name(), resumed));
      checkpoint(fx);
      pump(fx);
      maybeFinish(fx);
    }
    runEffects(fx);
  }

  boolean cancel() {
    List<Runnable> fx = new ArrayList<>();
    synchronized (this) {
      if (finished) {
        return false;
      }
      halt(Halt.CANCEL, fx);
      maybeFinish(fx);
    }
    runEffects(fx);
    return true;
  }

  CompletableFuture<RunOutcome> result() {
    return result;
  }

  synchronized RunStatus status() {
    return status;
  }

  synchronized double progress() {
    return progress;
  }

  // ---------------------------------------------------------------- graph

  /** Creates the nodes of a (child) workflow, applies saved state, queues those that can start. */
  private List<Node> createNodes(List<Step<?>> steps, String prefix, Node parent, double share) {
    double sum = 0;
    for (Step<?> s : steps) {
      sum += s.progressWeight();
    }
    Map<String, Node> local = new HashMap<>();
    List<Node> created = new ArrayList<>(steps.size());
    for (Step<?> s : steps) {
      Node n = new Node(prefix + s.name(), prefix, s, parent);
      n.weight = parent == null ? s.progressWeight()
          : sum > 0 ? share * s.progressWeight() / sum : share / steps.size();
      local.put(s.name(), n);
      created.add(n);
      nodes.put(n.path, n);
      open++;
    }
    for (Node n : created) {
      for (String d : n.step.dependencies()) {
        local.get(d).dependants.add(n);
        n.unmet++;
      }
    }
    for (Node n : created) {
      Checkpoints.SavedStep s = saved.remove(n.path);
      if (s != null) {
        restore(n, s);
      }
    }
    for (Node n : created) {
      if (n.state.terminal) {
        doneWeight += n.weight;
        for (Node p = parent; p != null; p = p.parent) {
          p.childDoneWeight += n.weight;
        }
        context.stepDone(n.path);
        for (Node d : n.dependants) {
          d.unmet--;
        }
      }
    }
    for (Node n : created) {
      if (n.state == State.PENDING && n.unmet == 0) {
        ready.add(n);
      }
    }
    return created;
  }

  private void restore(Node n, Checkpoints.SavedStep s) {
    n.previousAttempts = s.attempts();
    n.errorKind = s.errorKind();
    n.error = s.error();
    State st = s.state();
    if (st == State.COMPLETED || st == State.SKIPPED || (st == State.FAILED && n.step.isOptional())) {
      setState(n, st);
      return;
    }
    if (n.isJob()) {
      n.jobJson = s.job();
      n.submitting = s.submitting();
      n.jobSubmittedAt = s.jobSubmittedAt();
      n.unknownSubmission = n.submitting && n.jobJson == null;
    }
  }

  private void setState(Node n, State s) {
    State was = n.state;
    if (was.busy && !s.busy) {
      busy--;
    } else if (!was.busy && s.busy) {
      busy++;
    }
    if (!was.terminal && s.terminal) {
      open--;
    } else if (was.terminal && !s.terminal) {
      open++;
    }
    n.state = s;
  }

  private void pump(List<Runnable> fx) {
    if (halt != null || finished) {
      return;
    }
    Node n;
    while ((n = ready.pollFirst()) != null) {
      if (n.state == State.PENDING && n.unmet == 0) {
        startNode(n, fx);
      }
    }
  }

  private void startNode(Node n, List<Runnable> fx) {
    Instant now = now();
    n.attempts++;
    long token = ++n.token;
    if (n.firstStartedAt == null) {
      n.firstStartedAt = now;
      context.stepStarted(n.path);
    }
    n.startedAt = now;
    StepContext sc = new StepContext(this, n, n.previousAttempts + n.attempts, token);
    n.attempt = sc;
    if (n.isJob() && (n.job != null || n.jobJson != null)) {
      setState(n, State.WAITING);
      emit(new WorkflowEvent.StepStarted(id, now, progress, n.path, sc.attempt()));
      if (n.job == null) {
        try {
          n.job = Codec.convert(n.jobJson,
              Codec.MAPPER.getTypeFactory().constructType(n.step.poller().jobType()));
        } catch (IllegalArgumentException e) {
          setState(n, State.RUNNING);
          attemptFailed(n, new WorkflowException("the saved job of step " + n.path + " cannot be read as "
              + n.step.poller().jobType().getTypeName() + ": " + e.getMessage()
              + ". The job's type changed since it was saved; restore the old type or start the step again.",
              n.path, WorkflowException.Stage.JOB_POLL, false, e), fx);
          return;
        }
      }
      beginPolling(n, Duration.ZERO, fx);
      return;
    }
    setState(n, State.RUNNING);
    emit(new WorkflowEvent.StepStarted(id, now, progress, n.path, sc.attempt()));
    if (n.isJob()) {
      if (!n.unknownSubmission) {
        // Write-ahead: a crash during submission must not lead to a blind second submission.
        n.submitting = true;
        checkpoint(fx);
      }
    } else if (n.step.attemptTimeout().isPresent()) {
      n.timeoutTimer = engine.scheduler().schedule(() -> dispatchSafe(() -> onTimeout(n, token)),
          n.step.attemptTimeout().get());
    }
    boolean checkCondition = n.attempts == 1;
    fx.add(() -> dispatch(n, token, () -> attempt(n, sc, checkCondition)));
  }

  // ---------------------------------------------------------------- attempts

  private void attempt(Node n, StepContext sc, boolean checkCondition) {
    Thread me = Thread.currentThread();
    boolean unknownSubmission = false;
    boolean proceed = false;
    List<Runnable> stopped = new ArrayList<>();
    synchronized (this) {
      if (n.token != sc.token() || n.state != State.RUNNING) {
        return;
      }
      if (halt != null) {
        // The run is stopping (e.g. a checkpoint failed): do not begin the work.
        cancelTimeout(n);
        n.submitting = false;
        setState(n, halt == Halt.CANCEL ? State.CANCELLED : State.PENDING);
        context.stepStopped(n.path);
        maybeFinish(stopped);
      } else {
        n.thread = me;
        unknownSubmission = n.unknownSubmission;
        proceed = true;
      }
    }
    if (!proceed) {
      runEffects(stopped);
      return;
    }
    Object value = null;
    Throwable error = null;
    Suspension susp = null;
    boolean skipped = false;
    try {
      Predicate<WorkflowContext> condition = n.step.condition();
      if (checkCondition && condition != null && !condition.test(context)) {
        skipped = true;
      } else if (unknownSubmission) {
        susp = confirmResubmission(n);
        if (susp == null) {
          synchronized (this) {
            n.unknownSubmission = false;
            n.submitting = true;
          }
          value = n.step.action().run(sc);
        }
      } else {
        value = n.step.action().run(sc);
      }
    } catch (SuspendSignal s) {
      susp = s.suspension;
    } catch (Throwable t) {
      error = t;
    } finally {
      synchronized (this) {
        if (n.thread == me) {
          n.thread = null;
        }
      }
      Thread.interrupted();
    }
    long token = sc.token();
    if (skipped) {
      onSkipped(n, token);
    } else if (susp != null) {
      onSuspended(n, token, susp);
    } else if (error != null) {
      onFailed(n, token, error);
    } else {
      switch (n.step.kind()) {
        case ACTION:
          WorkflowContext.Entry entry = null;
          if (value != null) {
            try {
              entry = context.entryOf(n.path, value);
            } catch (WorkflowException e) {
              onFailed(n, token, e);
              return;
            }
          }
          onCompleted(n, token, entry);
          break;
        case CHILD:
          if (value instanceof Workflow w) {
            onExpand(n, token, w);
          } else {
            onFailed(n, token, new WorkflowException("the child-workflow factory of step " + n.path
                + " returned null; return a Workflow (it may have no steps)", n.path, WorkflowException.Stage.STEP,
                false, null));
          }
          break;
        default:
          if (value == null) {
            onFailed(n, token, new WorkflowException("the submission of job step " + n.path
                + " returned no job handle; return the provider's job", n.path, WorkflowException.Stage.JOB_SUBMIT,
                false, null));
            return;
          }
          JsonNode json = null;
          try {
            json = Codec.toTree(value);
          } catch (IllegalArgumentException e) {
            LOG.warn("run {}: the job of step {} cannot be saved as JSON ({}); it is followed in memory only",
                id, n.path, e.getMessage());
          }
          onJobSubmitted(n, token, value, json);
      }
    }
  }

  private Suspension confirmResubmission(Node n) {
    Optional<String> answer = context.answers(n.path).flatMap(a -> a.get(RESUBMIT_QUESTION))
        .map(s -> s.strip().toLowerCase(Locale.ROOT));
    if (answer.isPresent() && (answer.get().equals("yes") || answer.get().equals("true"))) {
      return null;
    }
    if (answer.isPresent()) {
      // Asked again on the next resume: the outcome of the first submission is still unknown.
      context.removeAnswers(n.path);
      throw new WorkflowException("step " + n.path + " was not submitted again, as answered; start a new run to "
          + "generate it, or resume with answer '" + RESUBMIT_QUESTION + "' = 'yes'", n.path,
          WorkflowException.Stage.JOB_SUBMIT, false, null);
    }
    return new Suspension("The run stopped while step " + n.path + " was submitting a paid job, before the job "
        + "id was saved. The job may exist and be billed. Check the provider's dashboard, then answer whether to "
        + "submit it again.", List.of(Suspension.Question.of(RESUBMIT_QUESTION,
        "Submit the job of step " + n.path + " again? You may pay twice.", "yes", "no")), Map.of());
  }

  private void onCompleted(Node n, long token, WorkflowContext.Entry entry) {
    List<Runnable> fx = new ArrayList<>();
    synchronized (this) {
      if (n.token != token || n.state != State.RUNNING) {
        return;
      }
      cancelTimeout(n);
      if (entry != null) {
        context.putEntry(n.path, entry);
      }
      completeNode(n);
      announceCostsLocked();
      checkpoint(fx);
      pump(fx);
      maybeFinish(fx);
    }
    runEffects(fx);
  }

  private void completeNode(Node n) {
    Instant now = now();
    Duration took = Duration.between(n.firstStartedAt == null ? now : n.firstStartedAt, now);
    engine.recorder().stepLatency(workflow.name(), took);
    conclude(n, State.COMPLETED, () -> new WorkflowEvent.StepCompleted(id, now(), progress, n.path, took));
  }

  private void onSkipped(Node n, long token) {
    List<Runnable> fx = new ArrayList<>();
    synchronized (this) {
      if (n.token != token || n.state != State.RUNNING) {
        return;
      }
      cancelTimeout(n);
      conclude(n, State.SKIPPED, () -> new WorkflowEvent.StepSkipped(id, now(), progress, n.path));
      checkpoint(fx);
      pump(fx);
      maybeFinish(fx);
    }
    runEffects(fx);
  }

  private void onSuspended(Node n, long token, Suspension s) {
    List<Runnable> fx = new ArrayList<>();
    synchronized (this) {
      if (n.token != token || n.state != State.RUNNING) {
        return;
      }
      cancelTimeout(n);
      setState(n, State.SUSPENDED);
      context.stepStopped(n.path);
      if (suspension == null) {
        suspension = s;
        suspendedStep = n.path;
      }
      halt(Halt.SUSPEND, fx);
      checkpoint(fx);
      maybeFinish(fx);
    }
    runEffects(fx);
  }

  private void onFailed(Node n, long token, Throwable error) {
    List<Runnable> fx = new ArrayList<>();
    synchronized (this) {
      if (n.token != token || n.state != State.RUNNING) {
        return;
      }
      attemptFailed(n, error, fx);
    }
    runEffects(fx);
  }

  private void attemptFailed(Node n, Throwable error, List<Runnable> fx) {
    cancelTimeout(n);
    if (n.isJob() && n.job == null) {
      // Only a submission with an unknown outcome may have created a job.
      n.submitting = n.unknownSubmission || error instanceof OutcomeUnknownException;
    }
    String kind = kindOf(error);
    engine.recorder().error(kind);
    if (halt == Halt.CANCEL) {
      setState(n, State.CANCELLED);
      context.stepStopped(n.path);
      cancelJob(n, fx);
      maybeFinish(fx);
      return;
    }
    RetryPolicy policy = n.step.retryPolicy();
    boolean mayRetry = !(n.isJob() && n.submitting); // never repeat a submission that may have created a job
    if (halt == null && mayRetry && policy.shouldRetry(error, n.attempts)) {
      Duration delay = policy.delayAfter(n.attempts);
      setState(n, State.WAITING);
      n.job = null;
      n.jobJson = null;
      emit(new WorkflowEvent.StepRetrying(id, now(), progress, n.path, n.previousAttempts + n.attempts, delay, kind,
          String.valueOf(error.getMessage())));
      long token = n.token;
      long seq = ++n.timerSeq;
      n.timer = engine.scheduler().schedule(() -> dispatchSafe(() -> onRetryDue(n, token, seq)), delay);
      return;
    }
    failNode(n, wrap(n, error), kind, String.valueOf(error.getMessage()), fx);
    checkpoint(fx);
    pump(fx);
    maybeFinish(fx);
  }

  private void onRetryDue(Node n, long token, long seq) {
    List<Runnable> fx = new ArrayList<>();
    synchronized (this) {
      if (n.state != State.WAITING || n.token != token || n.timerSeq != seq) {
        return;
      }
      n.timer = null;
      if (halt != null) {
        setState(n, State.PENDING);
        maybeFinish(fx);
      } else {
        startNode(n, fx);
      }
    }
    runEffects(fx);
  }

  private void onTimeout(Node n, long token) {
    List<Runnable> fx = new ArrayList<>();
    synchronized (this) {
      if (n.token != token || n.state != State.RUNNING) {
        return;
      }
      n.timeoutTimer = null;
      if (n.attempt != null) {
        n.attempt.cancel();
      }
      if (n.thread != null) {
        n.thread.interrupt();
        n.thread = null;
      }
      Duration limit = n.step.attemptTimeout().orElseThrow();
      WorkflowException e = new WorkflowException("step " + n.path + " did not finish within " + limit
          + " (attempt " + (n.previousAttempts + n.attempts) + "); raise its timeout or make it faster",
          n.path, WorkflowException.Stage.TIMEOUT, true, null);
      n.token++; // whatever the abandoned attempt returns is ignored
      attemptFailed(n, e, fx);
    }
    runEffects(fx);
  }

  private void failNode(Node n, WorkflowException wex, String kind, String message, List<Runnable> fx) {
    n.errorKind = kind;
    n.error = message;
    if (n.step.isOptional()) {
      cancelDescendants(n);
      conclude(n, State.FAILED, () -> new WorkflowEvent.StepFailed(id, now(), progress, n.path, kind, message, true));
      return;
    }
    setState(n, State.FAILED);
    context.stepStopped(n.path);
    cancelDescendants(n);
    emit(new WorkflowEvent.StepFailed(id, now(), progress, n.path, kind, message, false));
    Node p = n.parent;
    if (p != null) {
      if (!p.state.terminal) {
        failNode(p, wex, kind, message, fx);
      }
    } else {
      if (failure == null) {
        failure = wex;
      }
      halt(Halt.FAIL, fx);
    }
  }

  private void cancelDescendants(Node p) {
    if (p.children == null) {
      return;
    }
    for (Node c : p.children) {
      if (c.state == State.PENDING || c.state == State.WAITING) {
        if (c.timer != null) {
          c.timer.cancel();
          c.timer = null;
        }
        c.timerSeq++;
        setState(c, State.CANCELLED);
        context.stepStopped(c.path);
      } else if (c.state == State.EXPANDED) {
        cancelDescendants(c);
        setState(c, State.CANCELLED);
        context.stepStopped(c.path);
      }
    }
  }

  // ---------------------------------------------------------------- child workflows

  private void onExpand(Node n, long token, Workflow child) {
    List<Runnable> fx = new ArrayList<>();
    synchronized (this) {
      if (n.token != token || n.state != State.RUNNING) {
        return;
      }
      cancelTimeout(n);
      if (halt != null) {
        setState(n, halt == Halt.CANCEL ? State.CANCELLED : State.PENDING);
        context.stepStopped(n.path);
        maybeFinish(fx);
      } else {
        partialWeight -= n.weight * n.stepProgress;
        n.stepProgress = 0;
        setState(n, State.EXPANDED);
        n.childOutput = child.output().orElse(null);
        n.children = createNodes(child.steps(), n.path + "/", n, n.weight);
        int openChildren = 0;
        for (Node c : n.children) {
          if (!c.state.terminal) {
            openChildren++;
          }
        }
        n.openChildren = openChildren;
        if (openChildren == 0) {
          completeParent(n);
        }
        checkpoint(fx);
        pump(fx);
        maybeFinish(fx);
      }
    }
    runEffects(fx);
  }

  private void completeParent(Node p) {
    if (p.childOutput != null) {
      WorkflowContext.Entry out = context.entry(p.path + "/" + p.childOutput);
      if (out != null) {
        context.putEntry(p.path, out);
      }
    }
    completeNode(p);
  }

  // ---------------------------------------------------------------- jobs

  private void onJobSubmitted(Node n, long token, Object job, JsonNode json) {
    List<Runnable> fx = new ArrayList<>();
    synchronized (this) {
      if (n.token != token || n.state != State.RUNNING) {
        LOG.warn("run {}: step {} submitted job {} after its attempt ended; the job is recorded but not followed",
            id, n.path, describe(n, job));
        return;
      }
      n.job = job;
      n.jobJson = json;
      n.submitting = false;
      n.unknownSubmission = false;
      n.jobSubmittedAt = now();
      emit(new WorkflowEvent.JobSubmitted(id, now(), progress, n.path, describe(n, job)));
      checkpoint(fx); // the job id is durable before the first poll
      if (halt == Halt.CANCEL) {
        setState(n, State.CANCELLED);
        context.stepStopped(n.path);
        cancelJob(n, fx);
        maybeFinish(fx);
      } else if (halt != null) {
        setState(n, State.PENDING);
        maybeFinish(fx);
      } else {
        PollPolicy policy = n.step.pollPolicy();
        beginPolling(n, policy.jittered(policy.initialDelay()), fx);
      }
    }
    runEffects(fx);
  }

  private void beginPolling(Node n, Duration firstDelay, List<Runnable> fx) {
    PollPolicy policy = n.step.pollPolicy();
    n.pollInterval = policy.initialDelay();
    n.pollFailures = 0;
    n.deadline = now().plus(policy.deadline());
    schedulePoll(n, firstDelay, fx);
  }

  private void schedulePoll(Node n, Duration delay, List<Runnable> fx) {
    setState(n, State.WAITING);
    Instant now = now();
    Duration d = delay;
    if (now.plus(d).isAfter(n.deadline)) {
      d = Duration.between(now, n.deadline);
    }
    if (d.isNegative()) {
      d = Duration.ZERO;
    }
    long token = n.token;
    long seq = ++n.timerSeq;
    Duration wait = d;
    fx.add(() -> {
      Scheduler.Cancellable c = engine.scheduler().schedule(() -> dispatchSafe(() -> poll(n, token, seq)), wait);
      synchronized (this) {
        if (n.state == State.WAITING && n.token == token && n.timerSeq == seq) {
          n.timer = c;
        } else {
          c.cancel();
        }
      }
    });
  }

  @SuppressWarnings("unchecked")
  private void poll(Node n, long token, long seq) {
    Object job;
    synchronized (this) {
      if (n.state != State.WAITING || n.token != token || n.timerSeq != seq) {
        return;
      }
      n.timer = null;
      setState(n, State.POLLING);
      job = n.job;
    }
    JobPoller<Object, Object> poller = (JobPoller<Object, Object>) n.step.poller();
    JobCheck<Object> check = null;
    Throwable error = null;
    WorkflowContext.Entry entry = null;
    try {
      check = poller.poll(job);
      if (check == null) {
        throw new IllegalStateException(poller + " returned no status for job " + describe(n, job));
      }
      if (check.state() == JobCheck.State.DONE) {
        entry = context.entryOf(n.path, check.value());
      }
    } catch (Throwable t) {
      error = t;
      check = null;
    } finally {
      Thread.interrupted();
    }
    onPolled(n, token, job, check, entry, error);
  }

  @SuppressWarnings("unchecked")
  private void onPolled(Node n, long token, Object job, JobCheck<Object> check, WorkflowContext.Entry entry,
                        Throwable error) {
    List<Runnable> fx = new ArrayList<>();
    synchronized (this) {
      if (n.token != token || n.state != State.POLLING) {
        return;
      }
      Instant now = now();
      n.lastPolledAt = now;
      PollPolicy policy = n.step.pollPolicy();
      if (halt == Halt.CANCEL) {
        setState(n, State.CANCELLED);
        context.stepStopped(n.path);
        cancelJob(n, fx);
        maybeFinish(fx);
      } else if (error != null) {
        pollFailed(n, job, error, policy, now, fx);
      } else if (check.state() == JobCheck.State.PENDING) {
        n.pollFailures = 0;
        if (check.progress() >= 0 && check.progress() > n.stepProgress) {
          partialWeight += n.weight * (check.progress() - n.stepProgress);
          n.stepProgress = check.progress();
          emit(new WorkflowEvent.StepProgress(id, now, progressNow(), n.path, n.stepProgress, ""));
        }
        if (halt != null) {
          setState(n, State.PENDING);
          maybeFinish(fx);
        } else if (!now.isBefore(n.deadline)) {
          timedOut(n, job, fx);
        } else {
          if (n.lastSavedPollAt == null || Duration.between(n.lastSavedPollAt, now).compareTo(POLL_SAVE_INTERVAL) >= 0) {
            n.lastSavedPollAt = now;
            checkpoint(fx);
          }
          nextPoll(n, policy, check.pollAfter(), fx);
        }
      } else if (check.state() == JobCheck.State.DONE) {
        context.putEntry(n.path, entry);
        try {
          JobPoller<Object, Object> poller = (JobPoller<Object, Object>) n.step.poller();
          Optional<CostEntry> cost = poller.costOf(job, check.value(), n.path, now);
          cost.ifPresent(context.costs()::record);
        } catch (RuntimeException e) {
          LOG.warn("run {}: cannot record the cost of job {} of step {}: {}", id, describe(n, job), n.path, e.toString());
        }
        completeNode(n);
        announceCostsLocked();
        checkpoint(fx);
        pump(fx);
        maybeFinish(fx);
      } else {
        // The job is over: a retry (if the policy allows) or a resumed run submits a new one.
        n.job = null;
        n.jobJson = null;
        setState(n, State.RUNNING);
        attemptFailed(n, new WorkflowException("job " + describe(n, job) + " of step " + n.path + " failed: "
            + check.failure() + ". Check the request (prompt, frames, duration) and run the step again.",
            n.path, WorkflowException.Stage.JOB_POLL, false, null), fx);
      }
    }
    runEffects(fx);
  }

  private void pollFailed(Node n, Object job, Throwable error, PollPolicy policy, Instant now, List<Runnable> fx) {
    String kind = kindOf(error);
    engine.recorder().error(kind);
    boolean transientFailure = error instanceof VcgException v && v.isRetryable();
    n.pollFailures++;
    if (transientFailure && halt == null && now.isBefore(n.deadline)
        && n.pollFailures < policy.maxConsecutiveFailures()) {
      emit(new WorkflowEvent.StepProgress(id, now, progressNow(), n.path, n.stepProgress, "polling failed ("
          + kind + ", " + n.pollFailures + " in a row); trying again"));
      nextPoll(n, policy, null, fx);
      return;
    }
    if (transientFailure && halt == null && !now.isBefore(n.deadline)) {
      timedOut(n, job, fx);
      return;
    }
    if (transientFailure && halt != null) {
      setState(n, State.PENDING);
      maybeFinish(fx);
      return;
    }
    WorkflowException w = new WorkflowException("polling job " + describe(n, job) + " of step " + n.path
        + " failed" + (transientFailure ? " " + n.pollFailures + " times in a row" : "") + ": " + kind + ": "
        + error.getMessage() + ". The job is saved; resume the run to poll it again.", n.path,
        WorkflowException.Stage.JOB_POLL, true, error);
    failNode(n, w, kind, String.valueOf(error.getMessage()), fx);
    checkpoint(fx);
    pump(fx);
    maybeFinish(fx);
  }

  private void nextPoll(Node n, PollPolicy policy, Duration hint, List<Runnable> fx) {
    n.pollInterval = policy.grow(n.pollInterval);
    Duration delay = hint != null ? policy.clampHint(hint) : policy.jittered(n.pollInterval);
    schedulePoll(n, delay, fx);
  }

  private void timedOut(Node n, Object job, List<Runnable> fx) {
    setState(n, State.TIMED_OUT);
    context.stepStopped(n.path);
    if (timedOutStep == null) {
      timedOutStep = n.path;
      timedOutJob = describe(n, job);
    }
    halt(Halt.TIMEOUT, fx);
    checkpoint(fx);
    maybeFinish(fx);
  }

  @SuppressWarnings("unchecked")
  private void cancelJob(Node n, List<Runnable> fx) {
    Object job = n.job;
    if (job == null || !n.isJob()) {
      return;
    }
    JobPoller<Object, Object> poller = (JobPoller<Object, Object>) n.step.poller();
    pendingOps++;
    fx.add(() -> dispatchSafe(() -> {
      try {
        poller.cancel(job);
      } catch (Throwable t) {
        LOG.warn("run {}: cancelling job {} of step {} failed: {}", id, describe(n, job), n.path, t.toString());
      } finally {
        List<Runnable> more = new ArrayList<>();
        synchronized (this) {
          pendingOps--;
          maybeFinish(more);
        }
        runEffects(more);
      }
    }));
  }

  @SuppressWarnings("unchecked")
  private String describe(Node n, Object job) {
    try {
      return ((JobPoller<Object, Object>) n.step.poller()).describe(job);
    } catch (RuntimeException e) {
      return job.getClass().getSimpleName();
    }
  }

  // ---------------------------------------------------------------- progress, costs, assets

  void stepProgress(Node n, long token, double fraction, String message) {
    synchronized (this) {
      if (finished || n.token != token || !n.state.busy) {
        return;
      }
      double f = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
      if (f > n.stepProgress) {
        partialWeight += n.weight * (f - n.stepProgress);
        n.stepProgress = f;
      }
      emit(new WorkflowEvent.StepProgress(id, now(), progressNow(), n.path, f, message));
    }
  }

  void announceCosts() {
    synchronized (this) {
      if (!finished) {
        announceCostsLocked();
      }
    }
  }

  private void announceCostsLocked() {
    List<CostEntry> all = context.costs().entries();
    for (int i = announcedCosts; i < all.size(); i++) {
      emit(new WorkflowEvent.CostIncurred(id, now(), progress, all.get(i)));
    }
    announcedCosts = Math.max(announcedCosts, all.size());
  }

  void assetReady(Node n, String label, MediaRef media) {
    synchronized (this) {
      if (!finished) {
        emit(new WorkflowEvent.AssetReady(id, now(), progress, n.path, label, media));
      }
    }
  }

  private double progressNow() {
    double p = totalWeight > 0 ? (doneWeight + partialWeight) / totalWeight : 0;
    p = Math.min(p, 1);
    if (p > progress) {
      progress = p;
    }
    return progress;
  }

  /** Marks a node done, updates progress, emits its event, and completes its parent when it was the last child. */
  private void conclude(Node n, State s, java.util.function.Supplier<WorkflowEvent> event) {
    partialWeight -= n.weight * n.stepProgress;
    n.stepProgress = 0;
    boolean counts = true;
    for (Node p = n.parent; p != null; p = p.parent) {
      if (p.state.terminal) {
        counts = false;
        break;
      }
    }
    double add = n.children == null ? n.weight : Math.max(0, n.weight - n.childDoneWeight);
    setState(n, s);
    n.finishedAt = now();
    if (counts) {
      doneWeight += add;
      for (Node p = n.parent; p != null; p = p.parent) {
        p.childDoneWeight += add;
      }
    }
    context.stepDone(n.path);
    progressNow();
    emit(event.get());
    for (Node d : n.dependants) {
      if (--d.unmet == 0 && d.state == State.PENDING) {
        ready.add(d);
      }
    }
    Node p = n.parent;
    if (p != null && p.state == State.EXPANDED && --p.openChildren == 0) {
      completeParent(p);
    }
  }

  // ---------------------------------------------------------------- halting and ending

  private void halt(Halt kind, List<Runnable> fx) {
    if (finished || (halt != null && halt.ordinal() >= kind.ordinal())) {
      return;
    }
    halt = kind;
    for (Node n : nodes.values()) {
      if (n.state == State.RUNNING && kind == Halt.CANCEL) {
        if (n.attempt != null) {
          n.attempt.cancel();
        }
        if (n.thread != null) {
          n.thread.interrupt();
        }
      } else if (n.state == State.WAITING) {
        if (n.timer != null) {
          n.timer.cancel();
          n.timer = null;
        }
        n.timerSeq++;
        if (kind == Halt.CANCEL) {
          setState(n, State.CANCELLED);
          context.stepStopped(n.path);
          cancelJob(n, fx);
        } else {
          setState(n, State.PENDING);
        }
      }
    }
  }

  private void maybeFinish(List<Runnable> fx) {
    if (finished || busy > 0 || pendingOps > 0) {
      return;
    }
    if (halt == null && open > 0) {
      if (!ready.isEmpty()) {
        return;
      }
      failure = new WorkflowException("run " + id + " has " + open + " steps that can no longer start; "
          + "this is a bug in the engine, please report it", null, WorkflowException.Stage.STEP, true, null);
      halt = Halt.FAIL;
    }
    finished = true;
    Instant now = now();
    if (halt == null) {
      status = RunStatus.COMPLETED;
      progress = 1.0;
      emit(new WorkflowEvent.RunCompleted(id, now, 1.0));
    } else {
      switch (halt) {
        case SUSPEND:
          status = RunStatus.SUSPENDED;
          emit(new WorkflowEvent.RunSuspended(id, now, progress, suspendedStep, suspension));
          break;
        case TIMEOUT:
          status = RunStatus.TIMED_OUT_RESUMABLE;
          emit(new WorkflowEvent.RunTimedOut(id, now, progress, timedOutStep, timedOutJob));
          break;
        case FAIL:
          status = RunStatus.FAILED;
          emit(new WorkflowEvent.RunFailed(id, now, progress, failure.step().orElse(""), kindOf(failure.getCause() == null
              ? failure : failure.getCause()), failure.getMessage(), failure.isRecoverable()));
          break;
        default:
          status = RunStatus.CANCELLED;
          emit(new WorkflowEvent.RunCancelled(id, now, progress));
      }
    }
    checkpoint(fx);
    engine.recorder().runEnded(workflow.name(), status);
    events.close();
    RunOutcome outcome = new RunOutcome(id, workflow, status, context, failure, suspension, suspendedStep, progress);
    fx.add(() -> {
      engine.runEnded(this);
      result.complete(outcome);
    });
  }

  // ---------------------------------------------------------------- checkpoints

  private void checkpoint(List<Runnable> fx) {
    long v = ++version;
    String json = snapshot();
    fx.add(() -> save(v, json));
  }

  private void save(long v, String json) {
    synchronized (saveLock) {
      if (v <= savedVersion) {
        return;
      }
      try {
        engine.store().save(id, json);
        savedVersion = v;
      } catch (RuntimeException e) {
        saveFailed(e);
      }
    }
  }

  private void saveFailed(RuntimeException e) {
    List<Runnable> fx = new ArrayList<>();
    synchronized (this) {
      if (finished) {
        LOG.error("run {}: the final checkpoint could not be saved: {}", id, e.toString());
        return;
      }
      LOG.warn("run {}: checkpoint failed: {}", id, e.toString());
      WorkflowException w = e instanceof WorkflowException we ? we : new WorkflowException("cannot save run " + id
          + ": " + e + ". Check the context store; the run can be resumed from its last saved step.", null,
          WorkflowException.Stage.CHECKPOINT, true, e);
      if (halt != Halt.FAIL && halt != Halt.CANCEL) {
        failure = w;
      }
      halt(Halt.FAIL, fx);
      maybeFinish(fx);
    }
    runEffects(fx);
  }

  /**
   * The checkpoint document (see {@link Checkpoints}), assembled from JSON fragments that are
   * cached per value and per step, so that a checkpoint costs little more than copying text.
   */
  private String snapshot() {
    StringBuilder sb = new StringBuilder(lastSnapshotLength + 256);
    sb.append("{\"format\":").append(Checkpoints.FORMAT)
        .append(",\"runId\":").append(Codec.quote(id))
        .append(",\"workflow\":").append(Codec.quote(workflow.name()))
        .append(",\"status\":\"").append((finished ? status : RunStatus.RUNNING).name()).append('"');
    context.userId().ifPresent(u -> sb.append(",\"userId\":").append(Codec.quote(u)));
    sb.append(",\"startedAt\":\"").append(context.startedAt()).append('"')
        .append(",\"savedAt\":\"").append(now()).append('"')
        .append(",\"progress\":").append(progress)
        .append(",\"input\":").append(context.inputText())
        .append(",\"data\":{");
    context.appendData(sb);
    sb.append("},\"metadata\":").append(Codec.write(Codec.toTree(context.metadata())));
    List<Decision> decisions = context.decisions();
    if (decisionsText == null || decisions.size() != decisionsCount) {
      decisionsText = Codec.write(Codec.toTree(decisions));
      decisionsCount = decisions.size();
    }
    sb.append(",\"decisions\":").append(decisionsText);
    int costCount = context.costs().entries().size();
    if (costsText == null || costCount != costsCount) {
      costsText = Codec.write(Codec.toTree(context.costs()));
      costsCount = costCount;
    }
    sb.append(",\"costs\":").append(costsText)
        .append(",\"answers\":").append(Codec.write(Codec.toTree(context.allAnswers())));
    if (suspension != null) {
      ObjectNode su = Codec.object();
      su.put("step", suspendedStep);
      su.set("details", Codec.toTree(suspension));
      sb.append(",\"suspension\":").append(Codec.write(su));
    }
    if (failure != null) {
      ObjectNode f = Codec.object();
      failure.step().ifPresent(st -> f.put("step", st));
      f.put("stage", failure.stage().name());
      f.put("message", failure.getMessage());
      f.put("recoverable", failure.isRecoverable());
      sb.append(",\"failure\":").append(Codec.write(f));
    }
    sb.append(",\"steps\":{");
    boolean first = true;
    for (Node n : nodes.values()) {
      if (n.state == State.PENDING && n.attempts == 0 && n.previousAttempts == 0 && n.jobJson == null) {
        continue;
      }
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append(n.quotedPath()).append(':').append(stepText(n));
    }
    sb.append("}}");
    lastSnapshotLength = sb.length();
    return sb.toString();
  }

  private String stepText(Node n) {
    int attempts = n.previousAttempts + n.attempts;
    if (n.savedText != null && n.savedState == n.state && n.savedAttempts == attempts && n.savedJob == n.jobJson
        && n.savedSubmitting == n.submitting && n.savedPolledAt == n.lastPolledAt && n.savedError == n.error) {
      return n.savedText;
    }
    ObjectNode s = Codec.object();
    s.put("state", n.state.name());
    s.put("attempts", attempts);
    if (n.firstStartedAt != null) {
      s.put("startedAt", n.firstStartedAt.toString());
    }
    if (n.finishedAt != null) {
      s.put("finishedAt", n.finishedAt.toString());
    }
    if (n.error != null) {
      s.put("errorKind", n.errorKind);
      s.put("error", n.error);
    }
    if (n.jobJson != null) {
      s.set("job", n.jobJson);
    }
    if (n.submitting) {
      s.put("submitting", true);
    }
    if (n.jobSubmittedAt != null) {
      s.put("jobSubmittedAt", n.jobSubmittedAt.toString());
    }
    if (n.lastPolledAt != null) {
      s.put("lastPolledAt", n.lastPolledAt.toString());
      s.put("jobProgress", n.stepProgress);
    }
    n.savedText = Codec.write(s);
    n.savedState = n.state;
    n.savedAttempts = attempts;
    n.savedJob = n.jobJson;
    n.savedSubmitting = n.submitting;
    n.savedPolledAt = n.lastPolledAt;
    n.savedError = n.error;
    return n.savedText;
  }

  // ---------------------------------------------------------------- plumbing

  private void emit(WorkflowEvent e) {
    events.emit(e);
  }

  private Instant now() {
    return engine.clock().instant();
  }

  private void cancelTimeout(Node n) {
    if (n.timeoutTimer != null) {
      n.timeoutTimer.cancel();
      n.timeoutTimer = null;
    }
  }

  private void dispatch(Node n, long token, Runnable task) {
    try {
      engine.executor().execute(task);
    } catch (RejectedExecutionException e) {
      onFailed(n, token, new WorkflowException("the engine's executor refused step " + n.path
          + " (is the engine closed?); resume the run with an open engine", n.path, WorkflowException.Stage.STEP,
          true, e));
    }
  }

  private void dispatchSafe(Runnable task) {
    try {
      engine.executor().execute(task);
    } catch (RejectedExecutionException e) {
      LOG.warn("run {}: the engine's executor refused work (is the engine closed?); the run stays resumable", id);
    }
  }

  private void runEffects(List<Runnable> fx) {
    for (Runnable r : fx) {
      try {
        r.run();
      } catch (RuntimeException e) {
        LOG.error("run {}: internal step failed", id, e);
      }
    }
  }

  static String kindOf(Throwable t) {
    if (t instanceof WorkflowException w && w.getClass() == WorkflowException.class) {
      return "WorkflowException." + w.stage().name();
    }
    return t.getClass().getSimpleName();
  }

  private WorkflowException wrap(Node n, Throwable error) {
    if (error instanceof WorkflowException w && w.step().isPresent()) {
      return w;
    }
    boolean recoverable = error instanceof VcgException v && v.isRetryable();
    int attempts = n.previousAttempts + n.attempts;
    WorkflowException.Stage stage = n.isJob() ? WorkflowException.Stage.JOB_SUBMIT : WorkflowException.Stage.STEP;
    return new WorkflowException("step " + n.path + " of run " + id + " failed" + (attempts > 1 ? " after "
        + attempts + " attempts" : "") + ": " + kindOf(error) + ": " + error.getMessage()
        + (recoverable ? ". The cause may be temporary: resume the run later." : ". Fix the cause, then resume or start the run again."),
        n.path, stage, recoverable, error);
  }
}
