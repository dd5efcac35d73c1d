/**
 * The workflows that produce video: {@link dev.vcg.workflows.generation.DirectedGeneration}
 * (a director's plan → frames → clips → stitched MP4) and
 * {@link dev.vcg.workflows.generation.ContinuousFlow} (frames predicted one segment ahead,
 * clips chained and pipelined, segments regenerated or appended later).
 *
 * <p>Both run on the {@link dev.vcg.workflow.WorkflowEngine}: every frame, clip and download is a
 * step whose result is checkpointed, video jobs are checkpointed before they are polled, and a
 * run interrupted at any point is resumed by id without paying twice. Before each paid call the
 * call's estimated cost is reserved in the run's {@link dev.vcg.cost.CostLedger}; a call that
 * would pass the budget is not made and the run ends with a
 * {@link dev.vcg.cost.BudgetExceededException} stating what was spent.
 *
 * <p>Events: every step reports {@code StepStarted}/{@code StepCompleted} under a stable name
 * ({@code generate/frame-3}, {@code generate/clip-2}, {@code generate/save-2}, {@code stitch},
 * …), and every frame and clip is announced with
 * {@link dev.vcg.workflow.WorkflowEvent.AssetReady} labelled {@code frame-<n>} or
 * {@code clip-<n>} as soon as it is stored, for previews.
 */
package dev.vcg.workflows.generation;
