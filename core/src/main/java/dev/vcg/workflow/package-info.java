/**
 * The workflow engine: named graphs of steps that run in parallel, survive restarts and report
 * what they do.
 *
 * <ul>
 *   <li>{@link dev.vcg.workflow.Workflow} — an immutable DAG of {@link dev.vcg.workflow.Step}s,
 *       checked when built (duplicate names, unknown dependencies, cycles).</li>
 *   <li>{@link dev.vcg.workflow.Step} — an action, a child workflow built from earlier results, or a
 *       long-running job followed by a {@link dev.vcg.workflow.JobPoller} without holding a thread;
 *       with a condition, retries ({@link dev.vcg.workflow.RetryPolicy}), a timeout, a progress
 *       weight, and optionally allowed to fail.</li>
 *   <li>{@link dev.vcg.workflow.WorkflowEngine} — starts, resumes and cancels runs
 *       ({@link dev.vcg.workflow.WorkflowRun}, {@link dev.vcg.workflow.RunOutcome}), checkpoints
 *       each run to a {@link dev.vcg.workflow.ContextStore} after every step, and keeps
 *       {@link dev.vcg.workflow.WorkflowMetrics}.</li>
 *   <li>{@link dev.vcg.workflow.WorkflowContext} and {@link dev.vcg.workflow.StepContext} — the
 *       state of a run: typed values by {@link dev.vcg.workflow.Key}, decisions, metadata, costs,
 *       answers to a {@link dev.vcg.workflow.Suspension}.</li>
 *   <li>{@link dev.vcg.workflow.WorkflowEvent} — what happened, with an overall progress, sent to
 *       {@link dev.vcg.workflow.WorkflowListener}s and to a {@link java.util.concurrent.Flow.Publisher}.</li>
 * </ul>
 *
 * <pre>{@code
 * Key<Plan> PLAN = Key.of("plan", Plan.class);
 * Key<List<VideoResult>> CLIPS = Key.of("clips", new TypeReference<List<VideoResult>>() {});
 *
 * Workflow directed = Workflow.builder("DIRECTED_GENERATION")
 *     .step(Step.of(PLAN, ctx -> director.direct(ctx.input(Brief.class))).retry(RetryPolicy.builder().maxAttempts(3).build()))
 *     .step(Step.child(CLIPS, ctx -> shotsGraph(ctx.require(PLAN))).dependsOn("plan").weight(8))
 *     .step(Step.of(VIDEO, ctx -> stitcher.stitch(ctx.require(CLIPS))).dependsOn("clips"))
 *     .output("video")
 *     .build();
 *
 * WorkflowEngine engine = WorkflowEngine.builder().store(ContextStore.directory(runsDir)).register(directed).build();
 * WorkflowRun run = engine.start(directed, brief, RunOptions.builder().budget(Money.usd("3.00")).build());
 * RunOutcome outcome = run.result().join();
 * }</pre>
 */
package dev.vcg.workflow;
