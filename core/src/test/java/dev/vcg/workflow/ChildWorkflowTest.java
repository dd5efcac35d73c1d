package dev.vcg.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChildWorkflowTest extends EngineTestSupport {
  record Plan(List<String> shots) {
  }

  static final Key<Plan> PLAN = Key.of("plan", Plan.class);
  static final Key<List<String>> CLIPS = Key.of("generate", new TypeReference<List<String>>() { });

  /** One "frame" and one "clip" step per shot, then a "collect" step: a graph whose size comes from the plan. */
  static Workflow generation(Plan plan, List<String> trace) {
    Workflow.Builder b = Workflow.builder("generation");
    List<String> clips = new ArrayList<>();
    for (int i = 0; i < plan.shots().size(); i++) {
      String shot = plan.shots().get(i);
      Key<String> frame = Key.of("frame-" + i, String.class);
      b.step(Step.of(frame, ctx -> {
        trace.add(ctx.stepName());
        // the parent's plan is visible inside the child
        return "frame of " + shot + " (" + ctx.require(PLAN).shots().size() + " shots)";
      }));
      b.step(Step.of(Key.of("clip-" + i, String.class), ctx -> {
        trace.add(ctx.stepName());
        return "clip from " + ctx.require(frame);
      }).dependsOn(frame.name()).weight(4));
      clips.add("clip-" + i);
    }
    b.step(Step.of(Key.of("collect", Object.class), ctx -> {
      List<String> out = new ArrayList<>();
      for (String c : clips) {
        out.add(ctx.require(Key.of(c, String.class)));
      }
      return out;
    }).dependsOn(clips.toArray(String[]::new)).weight(0));
    return b.output("collect").build();
  }

  @Test
  void planOfUnknownSize_becomesAChildGraph_whoseOutputIsTheStepValue() throws Exception {
    List<String> trace = new CopyOnWriteArrayList<>();
    Workflow wf = Workflow.builder("directed")
        .step(Step.of(PLAN, ctx -> new Plan(List.of("dawn", "waves", "gulls"))))
        .step(Step.child(CLIPS, ctx -> generation(ctx.require(PLAN), trace)).dependsOn("plan").weight(6))
        .step(Step.of(Key.of("stitch", String.class), ctx -> String.join(" | ", ctx.require(CLIPS))).dependsOn("generate"))
        .output("stitch")
        .build();
    Recorder rec = new Recorder();
    RunOutcome out = await(engine().start(wf, null, RunOptions.builder().listener(rec).build()));
    assertThat(out.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(out.output(String.class)).contains(
        "clip from frame of dawn (3 shots) | clip from frame of waves (3 shots) | clip from frame of gulls (3 shots)");
    assertThat(trace).contains("generate/frame-0", "generate/clip-2");
    assertThat(out.get(Key.of("generate/clip-1", String.class))).contains("clip from frame of waves (3 shots)");
    rec.awaitTerminal();
    List<String> completed = rec.of(WorkflowEvent.StepCompleted.class).stream().map(WorkflowEvent.StepCompleted::step).toList();
    assertThat(completed.indexOf("generate/collect")).isLessThan(completed.indexOf("generate"));
    assertThat(completed.indexOf("generate")).isLessThan(completed.indexOf("stitch"));
    // progress: plan(1) + generate(6, split over its children) + stitch(1) = 8
    WorkflowEvent.StepCompleted afterPlan = rec.await(WorkflowEvent.StepCompleted.class, e -> e.step().equals("plan"));
    assertThat(afterPlan.progress()).isEqualTo(1.0 / 8);
    WorkflowEvent.StepCompleted afterGenerate = rec.await(WorkflowEvent.StepCompleted.class, e -> e.step().equals("generate"));
    assertThat(afterGenerate.progress()).isCloseTo(7.0 / 8, org.assertj.core.data.Offset.offset(1e-9));
    assertProgressMonotonic(rec);
  }

  @Test
  void requiredChildFailure_failsTheParentAndTheRun() throws Exception {
    AtomicInteger stitched = new AtomicInteger();
    Workflow wf = Workflow.builder("directed")
        .step(Step.child("generate", ctx -> Workflow.builder("gen")
            .step(Step.of("ok", c -> 1))
            .step(Step.of("broken", c -> {
              throw new IllegalStateException("no frames");
            }))
            .build()))
        .step(Step.of("stitch", ctx -> stitched.incrementAndGet()).dependsOn("generate"))
        .build();
    RunOutcome out = await(engine().start(wf, null));
    assertThat(out.status()).isEqualTo(RunStatus.FAILED);
    assertThat(out.failure().orElseThrow().step()).contains("generate/broken");
    assertThat(stitched).hasValue(0);
  }

  @Test
  void optionalChildStep_failureLetsTheRunContinue() throws Exception {
    Workflow wf = Workflow.builder("directed")
        .step(Step.child("extras", ctx -> Workflow.builder("gen")
            .step(Step.of("broken", c -> {
              throw new IllegalStateException("nope");
            }))
            .step(Step.of("later", c -> 1).dependsOn("broken"))
            .build()).optional())
        .step(Step.of(Key.of("final", String.class), ctx -> "done").dependsOn("extras"))
        .build();
    Recorder rec = new Recorder();
    RunOutcome out = await(engine().start(wf, null, RunOptions.builder().listener(rec).build()));
    assertThat(out.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(out.get(Key.of("final", String.class))).contains("done");
    assertThat(out.context().contains("extras/later")).isFalse();
    rec.awaitTerminal();
    assertThat(rec.of(WorkflowEvent.StepFailed.class)).extracting(WorkflowEvent.StepFailed::step)
        .containsExactly("extras/broken", "extras");
    assertThat(rec.events.get(rec.events.size() - 1).progress()).isEqualTo(1.0);
  }

  @Test
  void emptyChildWorkflow_completesTheStepWithoutValue() throws Exception {
    Workflow wf = Workflow.builder("directed")
        .step(Step.child("nothing", ctx -> Workflow.builder("none").build()))
        .step(Step.of(Key.of("after", Boolean.class), ctx -> ctx.context().contains("nothing")).dependsOn("nothing"))
        .build();
    RunOutcome out = await(engine().start(wf, null));
    assertThat(out.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(out.get(Key.of("after", Boolean.class))).contains(false);
  }

  static void assertProgressMonotonic(Recorder rec) {
    double last = 0;
    for (WorkflowEvent e : rec.events) {
      assertThat(e.progress()).as("progress of %s", e).isGreaterThanOrEqualTo(last).isBetween(0.0, 1.0);
      last = e.progress();
    }
  }
}
