package dev.vcg.workflows.generation;

import dev.vcg.VcgException;
import dev.vcg.cost.BudgetExceededException;
import dev.vcg.cost.CostEstimate;
import dev.vcg.cost.CostLedger;
import dev.vcg.cost.Money;
import dev.vcg.direction.DirectedShot;
import dev.vcg.direction.TransitionType;
import dev.vcg.media.MediaRef;
import dev.vcg.media.Transition;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.VideoRequest;
import dev.vcg.workflow.Key;
import dev.vcg.workflow.Step;
import dev.vcg.workflow.StepContext;
import dev.vcg.workflow.Suspension;
import dev.vcg.workflow.Workflow;
import dev.vcg.workflow.WorkflowException;
import dev.vcg.workflows.generation.Values.ClipAsset;
import dev.vcg.workflows.generation.Values.DirectedInput;
import dev.vcg.workflows.generation.Values.DirectedPlan;
import dev.vcg.workflows.generation.Values.FrameAsset;
import dev.vcg.workflows.generation.Values.FramePlan;
import dev.vcg.workflows.generation.Values.Refusal;
import dev.vcg.workflows.generation.Values.ResultData;
import dev.vcg.workflows.generation.Values.ShotPlan;
import dev.vcg.workflows.generation.Values.Stitched;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The steps of {@code DIRECTED_GENERATION}:
 * <pre>
 * plan → generate ⟨frame-k …  [review]  clip-i → save-i …  collect⟩ → stitch → thumbnail → result
 * </pre>
 * Inside {@code generate} every frame starts at once (bounded per provider), each clip as soon as
 * its own frames exist, each download as soon as its clip is done.
 */
final class DirectedSteps {
  static final Key<String> THUMBNAIL_PROBLEM = Key.of("thumbnail-problem", String.class);

  private final Services services;

  DirectedSteps(Services services) {
    this.services = services;
  }

  Workflow workflow() {
    return Workflow.builder(DirectedGeneration.WORKFLOW)
        .step(Step.of(Keys.DIRECTED_PLAN, this::plan).weight(0))
        .step(Step.child(Keys.SEGMENTS, this::generate).dependsOn("plan").weight(20))
        .step(Step.of(Keys.STITCH, this::stitch).dependsOn(Keys.GENERATE).weight(2))
        .step(Step.of(Keys.THUMBNAIL, this::thumbnail).dependsOn("stitch").weight(0.2))
        .step(Step.of(Keys.RESULT, this::result).dependsOn("stitch", "thumbnail").weight(0))
        .output("result")
        .build();
  }

  // ------------------------------------------------------------------ plan

  /** Decides frames, clip lengths and the estimate; pure, so {@link #estimate} agrees with runs. */
  DirectedPlan planFor(DirectedInput in, long seed) {
    List<String> warnings = new ArrayList<>();
    List<DirectedShot> shots = in.direction().shots();
    boolean endFrames = services.video.capabilities().supportsEndFrame();
    if (!endFrames) {
      warnings.add("video model " + services.video.id() + "/" + services.video.model()
          + " takes no end frame: every clip is made from its start frame only");
    }
    List<FramePlan> frames = new ArrayList<>();
    List<ShotPlan> plans = new ArrayList<>();
    for (int i = 0; i < shots.size(); i++) {
      DirectedShot s = shots.get(i);
      int start;
      if (i > 0 && endFrames && shots.get(i - 1).transitionOutOrCut().isContinuous()) {
        start = plans.get(i - 1).endFrame();
      } else {
        start = frames.size();
        frames.add(new FramePlan(start, framePrompt(s.startPrompt(), s)));
      }
      int end = -1;
      if (endFrames) {
        end = frames.size();
        frames.add(new FramePlan(end, framePrompt(s.endPrompt(), s)));
      }
      int seconds = services.snap(s.duration(), "shot " + s.id(), warnings);
      plans.add(new ShotPlan(i, s.id(), seconds, s.duration(), s.motionPrompt(), s.cameraMove(), start, end,
          s.transitionOutOrCut()));
    }
    AspectRatio aspect = in.aspectRatio() == null ? AspectRatio.LANDSCAPE_16_9 : in.aspectRatio();
    AspectRatio videoAspect = services.videoAspect(aspect, warnings);
    Money images = services.imageEstimate().times((long) frames.size());
    Money videos = Money.ZERO;
    double total = 0;
    for (ShotPlan p : plans) {
      videos = videos.plus(services.clipEstimate(p.seconds()));
      total += p.seconds();
    }
    CostEstimate estimate = CostEstimate.of(Money.ZERO, images, videos, Money.ZERO,
        new CostEstimate.Breakdown(frames.size(), plans.size(), total));
    return new DirectedPlan(in.direction().title(), plans, frames, services.frameSize(in.frameSize(), aspect),
        videoAspect, seed, estimate, warnings);
  }

  static String framePrompt(String base, DirectedShot shot) {
    StringBuilder b = new StringBuilder(base.strip());
    String lower = base.toLowerCase(Locale.ROOT);
    if (!shot.lighting().isBlank() && !lower.contains(shot.lighting().toLowerCase(Locale.ROOT))) {
      b.append(", ").append(shot.lighting().strip());
    }
    shot.colorPaletteIfAny().filter(p -> !p.isBlank() && !lower.contains(p.toLowerCase(Locale.ROOT)))
        .ifPresent(p -> b.append(", colour palette: ").append(p.strip()));
    return b.toString();
  }

  private DirectedPlan plan(StepContext ctx) {
    DirectedInput in = ctx.input(DirectedInput.class);
    long seed = in.seed() != null ? in.seed() : ThreadLocalRandom.current().nextLong(1, 1L << 31);
    DirectedPlan plan = planFor(in, seed);
    int shared = 2 * plan.shots().size() - plan.frames().size();
    ctx.decide(plan.frames().size() + " frames for " + plan.shots().size() + " shots",
        shared > 0 ? shared + " boundaries are continuous (cut or crossfade), so those shots share a frame"
            : "no two shots share a frame");
    ctx.decide("estimate " + plan.estimate().total(), plan.estimate().breakdown().imageCount() + " images at "
        + services.imageEstimate() + ", " + plan.estimate().breakdown().totalDuration() + " s of video");
    preflight(ctx, plan.estimate(), "the plan (" + plan.frames().size() + " frames, " + plan.shots().size()
        + " clips, " + Services.format(plan.estimate().breakdown().totalDuration()) + " s of video)");
    return plan;
  }

  /** Publishes the estimate and refuses a run whose estimate alone passes the budget, before anything is paid. */
  static void preflight(StepContext ctx, CostEstimate estimate, String what) {
    ctx.context().putMetadata(GenerationResult.ESTIMATED_COST, estimate.total().amount().toPlainString());
    CostLedger ledger = ctx.costs();
    if (ledger.cap().isEmpty()) {
      return;
    }
    Money cap = ledger.cap().get();
    Money spent = ledger.total();
    if (spent.plus(estimate.total()).isGreaterThan(cap)) {
      ctx.context().put(Keys.REFUSED, new Refusal(what, estimate.total()));
      ctx.decide("stop before the first paid call", what + " is estimated at " + estimate.total()
          + ", more than the " + cap + " budget");
      throw new BudgetExceededException(spent, cap, estimate.total(), what);
    }
  }

  // ------------------------------------------------------------------ generate

  private Workflow generate(StepContext ctx) {
    DirectedPlan plan = ctx.require(Keys.DIRECTED_PLAN);
    DirectedInput in = ctx.input(DirectedInput.class);
    ClipCalls clips = new ClipCalls(services.video, ctx.costs());
    Budget budget = new Budget(ctx.costs(), clips);
    Workflow.Builder b = Workflow.builder(DirectedGeneration.WORKFLOW + "-shots");
    List<String> frameSteps = new ArrayList<>();
    for (FramePlan f : plan.frames()) {
      String label = "frame-" + f.index();
      frameSteps.add(label);
      b.step(Step.of(Keys.frame(f.index()), c -> services.renderFrame(c, budget, f.index(), label, f.prompt(),
          plan.frameSize(), plan.seed(), null, in.negativePrompt())));
    }
    if (in.reviewFrames()) {
      b.step(Step.of(Keys.REVIEW, c -> review(c, plan)).dependsOn(frameSteps.toArray(String[]::new)).weight(0));
    }
    List<String> saves = new ArrayList<>();
    for (ShotPlan s : plan.shots()) {
      List<String> deps = new ArrayList<>();
      deps.add("frame-" + s.startFrame());
      if (s.endFrame() >= 0) {
        deps.add("frame-" + s.endFrame());
      }
      if (in.reviewFrames()) {
        deps.add(Keys.REVIEW.name());
      }
      String clip = "clip-" + s.index();
      b.step(Step.job(Keys.clip(s.index()), clips, c -> submit(c, budget, clips, plan, s))
          .dependsOn(deps.toArray(String[]::new)).poll(services.poll).weight(4));
      b.step(Step.of(Keys.save(s.index()), c -> save(c, s)).dependsOn(clip).retry(services.saveRetry).weight(0.5));
      saves.add("save-" + s.index());
    }
    b.step(Step.of(Keys.COLLECT, c -> collect(c, plan)).dependsOn(saves.toArray(String[]::new)).weight(0));
    return b.output(Keys.COLLECT.name()).build();
  }

  private String review(StepContext ctx, DirectedPlan plan) {
    String answer = ctx.answers().flatMap(a -> a.get(DirectedGeneration.APPROVE))
        .map(s -> s.strip().toLowerCase(Locale.ROOT)).orElse(null);
    if ("yes".equals(answer) || "true".equals(answer)) {
      ctx.decide("make the clips", "the frames were approved");
      return "approved";
    }
    if (answer != null) {
      throw new WorkflowException("the frames of run " + ctx.runId() + " were not approved (answer '" + answer
          + "'); no clip was paid for. Change the plan and start a new run.", ctx.stepName(),
          WorkflowException.Stage.STEP, false, null);
    }
    Money toAnimate = Money.ZERO;
    for (ShotPlan s : plan.shots()) {
      toAnimate = toAnimate.plus(services.clipEstimate(s.seconds()));
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("costToAnimate", toAnimate.amount().toPlainString());
    attributes.put("clips", String.valueOf(plan.shots().size()));
    for (FramePlan f : plan.frames()) {
      ctx.get(Keys.frame(f.index())).map(FrameAsset::media).filter(m -> m instanceof MediaRef.File)
          .ifPresent(m -> attributes.put("frame-" + f.index(), ((MediaRef.File) m).path().toString()));
    }
    return ctx.suspend(new Suspension(plan.frames().size() + " frames are ready for review. Making the "
        + plan.shots().size() + " clips costs about " + toAnimate + " more. Answer '" + DirectedGeneration.APPROVE
        + "' with yes to make them, or no to stop.",
        List.of(Suspension.Question.of(DirectedGeneration.APPROVE, "Make the clips from these frames?", "yes", "no")),
        attributes));
  }

  private Values.ClipJob submit(StepContext ctx, Budget budget, ClipCalls clips, DirectedPlan plan, ShotPlan s)
      throws InterruptedException {
    FrameAsset start = ctx.require(Keys.frame(s.startFrame()));
    MediaRef end = s.endFrame() < 0 ? null : ctx.require(Keys.frame(s.endFrame())).media();
    VideoRequest request = services.clipRequest(start.media(), end, s.prompt(), s.cameraMove(), s.seconds(),
        plan.videoAspect(), plan.seed());
    ctx.progress(0.02, "submitting clip " + s.index());
    return services.limiter.run(services.video,
        () -> clips.submit(ctx, budget, request, services.clipEstimate(s.seconds()), "clip-" + s.index()));
  }

  private ClipAsset save(StepContext ctx, ShotPlan s) throws InterruptedException {
    Values.ClipDone v = ctx.require(Keys.clip(s.index()));
    String label = "clip-" + s.index();
    MediaRef stored = services.storeClip(ctx, label, v);
    ctx.assetReady(label, stored);
    return new ClipAsset(s.index(), stored, v.durationSeconds() > 0 ? v.durationSeconds() : s.seconds());
  }

  private List<SegmentAssets> collect(StepContext ctx, DirectedPlan plan) {
    List<SegmentAssets> out = new ArrayList<>();
    for (ShotPlan s : plan.shots()) {
      FrameAsset start = ctx.require(Keys.frame(s.startFrame()));
      MediaRef end = s.endFrame() < 0 ? null : ctx.require(Keys.frame(s.endFrame())).media();
      ClipAsset clip = ctx.require(Keys.save(s.index()));
      out.add(new SegmentAssets(s.index(), s.shotId(), start.media(), end, clip.media(), clip.seconds(), s.prompt()));
    }
    return out;
  }

  // ------------------------------------------------------------------ finish

  private Stitched stitch(StepContext ctx) {
    DirectedPlan plan = ctx.require(Keys.DIRECTED_PLAN);
    DirectedInput in = ctx.input(DirectedInput.class);
    List<SegmentAssets> segments = ctx.require(Keys.SEGMENTS);
    List<Transition> transitions = new ArrayList<>();
    for (int i = 0; i + 1 < plan.shots().size(); i++) {
      TransitionType t = plan.shots().get(i).transitionOut();
      transitions.add(Transition.of(t, Duration.ofMillis(in.transitionMillis())));
    }
    return services.stitch(ctx, paths(segments), transitions, in.output());
  }

  static List<Path> paths(List<SegmentAssets> segments) {
    List<Path> clips = new ArrayList<>();
    for (SegmentAssets s : segments) {
      if (!(s.clip() instanceof MediaRef.File f)) {
        throw new IllegalStateException("clip " + s.index() + " is not a stored file: " + s.clip());
      }
      clips.add(f.path());
    }
    return clips;
  }

  /** A poster image; a video without one is still a result (the problem becomes a warning). */
  static Path thumbnail(Services services, StepContext ctx) {
    try {
      return services.thumbnail(ctx, ctx.require(Keys.STITCH));
    } catch (VcgException e) {
      if (ctx.isCancelled()) {
        throw e;
      }
      ctx.put(THUMBNAIL_PROBLEM, "no thumbnail: " + e.getMessage());
      return null;
    }
  }

  private Path thumbnail(StepContext ctx) {
    return thumbnail(services, ctx);
  }

  static List<String> warnings(StepContext ctx, List<String> planWarnings) {
    List<String> w = new ArrayList<>(planWarnings);
    w.addAll(ctx.require(Keys.STITCH).warnings());
    ctx.get(THUMBNAIL_PROBLEM).ifPresent(w::add);
    return w;
  }

  private ResultData result(StepContext ctx) {
    DirectedPlan plan = ctx.require(Keys.DIRECTED_PLAN);
    DirectedInput in = ctx.input(DirectedInput.class);
    Stitched st = ctx.require(Keys.STITCH);
    return new ResultData(ctx.runId(), DirectedGeneration.WORKFLOW, st.video(), st.durationMillis(),
        ctx.get(Keys.THUMBNAIL).orElse(null), ctx.require(Keys.SEGMENTS), ctx.costs().entries(), plan.estimate(),
        warnings(ctx, plan.warnings()), in.direction(), null);
  }
}
