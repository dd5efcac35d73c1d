package dev.vcg.workflow;

import dev.vcg.VcgException;

/** Thrown by {@link StepContext#suspend} to end a step with a suspension; caught by the engine. */
final class SuspendSignal extends VcgException {
  private static final long serialVersionUID = 1L;

  final transient Suspension suspension;

  SuspendSignal(Suspension suspension) {
    super("the step suspended the run: " + suspension.message() + " (do not catch this exception)");
    this.suspension = suspension;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
