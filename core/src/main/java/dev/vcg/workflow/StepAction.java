package dev.vcg.workflow;

/**
 * The work of one step: reads what it needs from the {@link StepContext} and returns its result,
 * which the engine stores under the step's {@link Key}. Return {@code null} for "no value".
 *
 * <p>Called on the engine's executor, possibly concurrently with other steps of the same run.
 * It may throw anything: the step's {@link RetryPolicy} decides whether to try again. Long work
 * should check {@link StepContext#isCancelled()} or react to interruption.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface StepAction<T> {
  /**
   * Runs the step once.
   *
   * @param ctx this attempt's view of the run
   * @return the result, or null
   * @throws Exception on failure; retried according to the step's policy
   */
  T run(StepContext ctx) throws Exception;
}
