package dev.vcg.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The runtime state of one step in one run. Guarded by the run's lock. */
final class Node {
  enum State {
    PENDING(false, false),
    RUNNING(true, false),
    WAITING(true, false),
    POLLING(true, false),
    EXPANDED(false, false),
    COMPLETED(false, true),
    SKIPPED(false, true),
    FAILED(false, true),
    SUSPENDED(false, true),
    TIMED_OUT(false, true),
    CANCELLED(false, true);

    final boolean busy;
    final boolean terminal;

    State(boolean busy, boolean terminal) {
      this.busy = busy;
      this.terminal = terminal;
    }
  }

  final String path;
  final String scope;
  final Step<?> step;
  final Node parent;
  final List<Node> dependants = new ArrayList<>(2);
  int unmet;
  double weight;
  State state = State.PENDING;

  int attempts;
  int previousAttempts;
  long token;
  Thread thread;
  StepContext attempt;
  Scheduler.Cancellable timer;
  long timerSeq;
  Scheduler.Cancellable timeoutTimer;
  Instant firstStartedAt;
  Instant startedAt;
  Instant finishedAt;
  double stepProgress;
  String errorKind;
  String error;
  boolean conditionChecked;

  // job steps
  Object job;
  JsonNode jobJson;
  boolean submitting;
  boolean unknownSubmission;
  Instant jobSubmittedAt;
  Duration pollInterval;
  int pollFailures;
  Instant deadline;
  Instant lastPolledAt;
  Instant lastSavedPollAt;

  // child-workflow steps
  List<Node> children;
  int openChildren;
  double childDoneWeight;
  String childOutput;

  // the last checkpoint text of this step, and what it was made from
  String savedText;
  State savedState;
  int savedAttempts;
  JsonNode savedJob;
  boolean savedSubmitting;
  Instant savedPolledAt;
  String savedError;
  private String quotedPath;

  Node(String path, String scope, Step<?> step, Node parent) {
    this.path = path;
    this.scope = scope;
    this.step = step;
    this.parent = parent;
  }

  String quotedPath() {
    if (quotedPath == null) {
      quotedPath = Codec.quote(path);
    }
    return quotedPath;
  }

  boolean isJob() {
    return step.kind() == Step.Kind.JOB;
  }

  @Override
  public String toString() {
    return "Node[" + path + ", " + state + "]";
  }
}
