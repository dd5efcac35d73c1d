package dev.vcg.workflows.generation;

import dev.vcg.cost.CostEstimate;
import dev.vcg.cost.Money;
import dev.vcg.direction.CameraMove;
import dev.vcg.media.FramePosition;
import dev.vcg.media.ImageFormat;
import dev.vcg.media.MediaRef;
import dev.vcg.media.Transition;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.VideoRequest;
import dev.vcg.workflow.Step;
import dev.vcg.workflow.StepContext;
import dev.vcg.workflow.Workflow;
import dev.vcg.workflows.generation.Values.ClipAsset;
import dev.vcg.workflows.generation.Values.FlowInput;
import dev.vcg.workflows.generation.Values.FlowPlan;
import dev.vcg.workflows.generation.Values.FrameAsset;
import dev.vcg.workflows.generation.Values.ResultData;
import dev.vcg.workflows.generation.Values.Stitched;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The steps of {@code CONTINUOUS_FLOW}:
 * <pre>
 * predicted frames: plan → generate ⟨frame-0 → frame-1 → … → frame-N;  clip-i after frame-i and frame-(i+1) → save-i;  collect⟩
 * last frame:       plan → generate ⟨frame-0 → target-0 → clip-0 → save-0 → last-0 → target-1 → clip-1 → …;  collect⟩
 * then:             stitch → thumbnail → result
 * </pre>
 * Frames and clips of an earlier run that are reused (regenerate, append) are not steps at all:
 * the child workflow has steps only for what is made anew.
 */
final class FlowSteps {
  private final Services services;
  private final FramePredictor predictor;

  FlowSteps(Services services) {
    this.services = services;
    this.predictor = new FramePredictor(services);
  }

  Workflow workflow() {
    return Workflow.builder(ContinuousFlow.WORKFLOW)
        .step(Step.of(Keys.FLOW_PLAN, this::plan).weight(0))
        .step(Step.child(Keys.SEGMENTS, this::generate).dependsOn("plan").weight(20))
        .step(Step.of(Keys.STITCH, this::stitch).dependsOn(Keys.GENERATE).weight(2))
        .step(Step.of(Keys.THUMBNAIL, c -> DirectedSteps.thumbnail(services, c)).dependsOn("stitch").weight(0.2))
        .step(Step.of(Keys.RESULT, this::result).dependsOn("stitch", "thumbnail").weight(0))
        .output("result")
        .build();
  }

  // ------------------------------------------------------------------ layout

  /**
   * What a run makes anew and what it takes from an earlier run.
   *
   * @param frames predicted mode: the frames to render (index → null) or given (index → media)
   * @param framePrompts the descriptions of given frames
   * @param reused segments taken as they are
   * @param newClips segments made anew, ascending
   * @param firstNew last-frame mode: the first segment made anew
   * @param givenStart last-frame mode: the start frame of {@code firstNew} when it is given
   * @param previousLast last-frame mode (append): the clip whose last frame starts {@code firstNew}
   */
  record Layout(Map<Integer, MediaRef> frames, Map<Integer, String> framePrompts, Map<Integer, SegmentAssets> reused,
                List<Integer> newClips, int firstNew, MediaRef givenStart, MediaRef previousLast) {
    List<Integer> newFrames() {
      List<Integer> out = new ArrayList<>();
      frames.forEach((i, m) -> {
        if (m == null) {
          out.add(i);
        }
      });
      return out;
    }
  }

  static Layout layout(FlowInput in, boolean endFrames) {
    List<SegmentAssets> prev = in.previous();
    int n = in.segments();
    int p = prev.size();
    Map<Integer, SegmentAssets> reused = new LinkedHashMap<>();
    List<Integer> newClips = new ArrayList<>();
    Map<Integer, MediaRef> frames = new LinkedHashMap<>();
    Map<Integer, String> prompts = new LinkedHashMap<>();
    if (in.mode() == FlowMode.PREDICTED_FRAMES) {
      int last = endFrames ? n : n - 1;
      for (int i = 0; i <= last; i++) {
        MediaRef given = i < p ? prev.get(i).startFrame() : i == p && p > 0 ? prev.get(p - 1).endFrame() : null;
        frames.put(i, given);
        if (given != null && i > 0) {
          prompts.put(i, prev.get(i - 1).prompt());
        }
      }
      for (int i = 0; i < n; i++) {
        if (i < p && i != in.regenerate()) {
          reused.put(i, prev.get(i));
        } else {
          newClips.add(i);
        }
      }
      return new Layout(frames, prompts, reused, newClips, 0, null, null);
    }
    int first = in.regenerate() >= 0 ? in.regenerate() : p;
    for (int i = 0; i < first; i++) {
      reused.put(i, prev.get(i));
    }
    for (int i = first; i < n; i++) {
      newClips.add(i);
    }
    MediaRef givenStart = null;
    MediaRef previousLast = null;
    if (first > 0 && in.regenerate() >= 0) {
      givenStart = prev.get(first).startFrame();
    } else if (first > 0) {
      previousLast = prev.get(first - 1).clip();
    }
    if (first == 0) {
      frames.put(0, null);
    }
    return new Layout(frames, prompts, reused, newClips, first, givenStart, previousLast);
  }

  // ------------------------------------------------------------------ plan

  FlowPlan planFor(FlowInput in, long seed) {
    List<String> warnings = new ArrayList<>();
    int seconds = services.snap(in.segmentSeconds(), "segment length", warnings);
    boolean endFrames = services.video.capabilities().supportsEndFrame();
    if (!endFrames) {
      warnings.add("video model " + services.video.id() + "/" + services.video.model() + " takes no end frame: "
          + "each clip starts on its frame and moves freely from there");
    }
    boolean references = services.image.capabilities().maxReferenceImages() > 0;
    if (!references) {
      warnings.add("image model " + services.image.id() + "/" + services.image.model() + " takes no reference "
          + "image: frames are kept alike by prompt and seed only");
    }
    if (!predictor.usesModel()) {
      warnings.add("no vision model is configured: each next frame is described by rules, not imagined from the "
          + "frame before it");
    }
    Layout layout = layout(in, endFrames);
    int images;
    int predictions;
    if (in.mode() == FlowMode.PREDICTED_FRAMES) {
      List<Integer> fresh = layout.newFrames();
      images = fresh.size();
      predictions = (int) fresh.stream().filter(i -> i > 0).count();
    } else {
      predictions = layout.newClips().size();
      images = layout.frames().size() + (endFrames ? predictions : 0);
    }
    int clips = layout.newClips().size();
    Money llm = predictor.usesModel() ? services.describeEstimate().times((long) predictions) : Money.ZERO;
    Money imageCost = services.imageEstimate().times((long) images);
    Money videoCost = services.clipEstimate(seconds).times((long) clips);
    CostEstimate estimate = CostEstimate.of(llm, imageCost, videoCost, Money.ZERO,
        new CostEstimate.Breakdown(images, clips, (double) clips * seconds));
    AspectRatio aspect = in.aspectRatio() == null ? AspectRatio.LANDSCAPE_16_9 : in.aspectRatio();
    return new FlowPlan(in.segments(), seconds, services.frameSize(in.frameSize(), aspect),
        services.videoAspect(aspect, warnings), seed, endFrames, references, estimate, warnings);
  }

  private FlowPlan plan(StepContext ctx) {
    FlowInput in = ctx.input(FlowInput.class);
    long seed = in.seed() != null ? in.seed() : ThreadLocalRandom.current().nextLong(1, 1L << 31);
    FlowPlan plan = planFor(in, seed);
    CostEstimate e = plan.estimate();
    ctx.decide(e.breakdown().imageCount() + " frames and " + e.breakdown().videoCount() + " clips to make",
        in.previous().isEmpty() ? "a new video of " + in.segments() + " segments"
            : (in.previous().size() + " segments of the earlier video are reused"
                + (in.regenerate() >= 0 ? "; segment " + in.regenerate() + " is made again" : "")));
    DirectedSteps.preflight(ctx, e, "the video (" + e.breakdown().imageCount() + " frames, "
        + e.breakdown().videoCount() + " clips, " + Services.format(e.breakdown().totalDuration()) + " s of video)");
    return plan;
  }

  // ------------------------------------------------------------------ generate

  private Workflow generate(StepContext ctx) {
    FlowPlan plan = ctx.require(Keys.FLOW_PLAN);
    FlowInput in = ctx.input(FlowInput.class);
    Layout layout = layout(in, plan.endFrames());
    ClipCalls clips = new ClipCalls(services.video, ctx.costs());
    Budget budget = new Budget(ctx.costs(), clips);
    Workflow.Builder b = Workflow.builder(ContinuousFlow.WORKFLOW + "-segments");
    List<String> saves = new ArrayList<>();
    if (in.mode() == FlowMode.PREDICTED_FRAMES) {
      for (int i : layout.newFrames()) {
        Step<FrameAsset> step = Step.of(Keys.frame(i), c -> predictedFrame(c, budget, in, plan, layout, i));
        if (i > 0 && layout.frames().get(i - 1) == null) {
          step = step.dependsOn("frame-" + (i - 1));
        }
        b.step(step);
      }
      for (int i : layout.newClips()) {
        List<String> deps = new ArrayList<>();
        for (int f : plan.endFrames() ? List.of(i, i + 1) : List.of(i)) {
          if (layout.frames().get(f) == null) {
            deps.add("frame-" + f);
          }
        }
        addClip(b, clips, budget, in, plan, i, deps, c -> predictedClip(c, in, plan, layout, i), saves);
      }
    } else {
      int first = layout.firstNew();
      if (first == 0) {
        b.step(Step.of(Keys.frame(0), c -> openingFrame(c, budget, in, plan)));
      } else if (layout.previousLast() != null) {
        b.step(Step.of(Keys.last(first - 1), c -> lastFrame(c, first - 1, layout.previousLast(),
            layout.reused().get(first - 1).prompt())));
      }
      for (int i : layout.newClips()) {
        List<String> startDeps = startStep(layout, i);
        b.step(Step.of(Keys.target(i), c -> target(c, budget, in, plan, layout, i))
            .dependsOn(startDeps.toArray(String[]::new)));
        List<String> deps = new ArrayList<>(startDeps);
        deps.add("target-" + i);
        addClip(b, clips, budget, in, plan, i, deps, c -> lastFrameClip(c, in, plan, layout, i), saves);
        if (i < in.segments() - 1) {
          b.step(Step.of(Keys.last(i), c -> lastFrame(c, i, c.require(Keys.save(i)).media(),
              c.require(Keys.target(i)).prompt())).dependsOn("save-" + i).weight(0.2));
        }
      }
    }
    b.step(Step.of(Keys.COLLECT, c -> collect(c, in, plan, layout)).dependsOn(saves.toArray(String[]::new))
        .weight(0));
    return b.output(Keys.COLLECT.name()).build();
  }

  /** The steps a last-frame segment's start frame comes from (none when it is given). */
  private static List<String> startStep(Layout layout, int i) {
    if (i == layout.firstNew()) {
      if (i == 0) {
        return List.of("frame-0");
      }
      return layout.previousLast() != null ? List.of("last-" + (i - 1)) : List.of();
    }
    return List.of("last-" + (i - 1));
  }

  private void addClip(Workflow.Builder b, ClipCalls clips, Budget budget, FlowInput in, FlowPlan plan, int i,
                       List<String> deps, ClipSpec spec, List<String> saves) {
    String label = "clip-" + i;
    b.step(Step.job(Keys.clip(i), clips, c -> {
      VideoRequest request = spec.request(c);
      c.progress(0.02, "submitting clip " + i);
      return services.limiter.run(services.video,
          () -> clips.submit(c, budget, request, services.clipEstimate(plan.seconds()), label));
    }).dependsOn(deps.toArray(String[]::new)).poll(services.poll).weight(4));
    b.step(Step.of(Keys.save(i), c -> save(c, i, plan)).dependsOn(label).retry(services.saveRetry).weight(0.5));
    saves.add("save-" + i);
  }

  /** Builds a clip request from the context. */
  @FunctionalInterface
  private interface ClipSpec {
    VideoRequest request(StepContext ctx);
  }

  // ------------------------------------------------------------------ predicted frames

  private FrameAsset predictedFrame(StepContext ctx, Budget budget, FlowInput in, FlowPlan plan, Layout layout, int i)
      throws InterruptedException {
    String label = "frame-" + i;
    if (i == 0) {
      return openingFrame(ctx, budget, in, plan);
    }
    FrameAsset previous = frame(ctx, layout, i - 1);
    String description = predictor.describe(ctx, budget, in.prompt(), in.style(), i, plan.seconds(),
        previous.media(), "describe-" + i);
    return services.renderFrame(ctx, budget, i, label, description, plan.frameSize(), plan.seed(),
        plan.references() ? previous.media() : null, in.negativePrompt());
  }

  private FrameAsset openingFrame(StepContext ctx, Budget budget, FlowInput in, FlowPlan plan)
      throws InterruptedException {
    return services.renderFrame(ctx, budget, 0, "frame-0", FramePredictor.opening(in.prompt(), in.style()),
        plan.frameSize(), plan.seed(), null, in.negativePrompt());
  }

  private static FrameAsset frame(StepContext ctx, Layout layout, int i) {
    MediaRef given = layout.frames().get(i);
    if (given != null) {
      return new FrameAsset(i, given, layout.framePrompts().getOrDefault(i, ""));
    }
    return ctx.require(Keys.frame(i));
  }

  private VideoRequest predictedClip(StepContext ctx, FlowInput in, FlowPlan plan, Layout layout, int i) {
    FrameAsset start = frame(ctx, layout, i);
    FrameAsset end = plan.endFrames() ? frame(ctx, layout, i + 1) : null;
    String prompt = clipPrompt(in, i, end != null ? end.prompt() : null, plan);
    return services.clipRequest(start.media(), end == null ? null : end.media(), prompt, CameraMove.STATIC,
        plan.seconds(), plan.videoAspect(), plan.seed() + in.variation());
  }

  private static String clipPrompt(FlowInput in, int i, String next, FlowPlan plan) {
    if (i == in.regenerate() && in.regeneratePrompt() != null) {
      return in.regeneratePrompt();
    }
    if (next != null && !next.isBlank()) {
      return next;
    }
    return FramePredictor.rule(in.prompt(), in.style(), i + 1, plan.seconds());
  }

  // ------------------------------------------------------------------ last frame

  private FrameAsset start(StepContext ctx, Layout layout, int i) {
    if (i == layout.firstNew() && layout.givenStart() != null) {
      return new FrameAsset(i, layout.givenStart(), "");
    }
    if (i == 0) {
      return ctx.require(Keys.frame(0));
    }
    return ctx.require(Keys.last(i - 1));
  }

  /** The description of where segment i goes, and its end frame when the video model takes one. */
  private FrameAsset target(StepContext ctx, Budget budget, FlowInput in, FlowPlan plan, Layout layout, int i)
      throws InterruptedException {
    FrameAsset start = start(ctx, layout, i);
    String description = i == in.regenerate() && in.regeneratePrompt() != null ? in.regeneratePrompt()
        : predictor.describe(ctx, budget, in.prompt(), in.style(), i + 1, plan.seconds(), start.media(),
            "describe-" + (i + 1));
    if (!plan.endFrames()) {
      return new FrameAsset(i + 1, null, description);
    }
    FrameAsset f = services.renderFrame(ctx, budget, i + 1, "target-" + i, description, plan.frameSize(), plan.seed(),
        plan.references() ? start.media() : null, in.negativePrompt());
    return new FrameAsset(i + 1, f.media(), description);
  }

  private VideoRequest lastFrameClip(StepContext ctx, FlowInput in, FlowPlan plan, Layout layout, int i) {
    FrameAsset start = start(ctx, layout, i);
    FrameAsset target = ctx.require(Keys.target(i));
    return services.clipRequest(start.media(), target.media(), target.prompt(), CameraMove.STATIC, plan.seconds(),
        plan.videoAspect(), plan.seed() + in.variation());
  }

  /** Takes the real last frame of a clip, the start of the next segment. */
  private FrameAsset lastFrame(StepContext ctx, int i, MediaRef clip, String prompt) {
    if (!(clip instanceof MediaRef.File f)) {
      throw new IllegalStateException("clip " + i + " is not a stored file: " + clip);
    }
    ctx.checkCancelled();
    MediaRef image = services.frames().image(f.path(), FramePosition.last(), ImageFormat.PNG);
    String label = "last-" + i;
    MediaRef stored = services.store(ctx, label, image);
    ctx.assetReady(label, stored);
    return new FrameAsset(i + 1, stored, prompt);
  }

  // ------------------------------------------------------------------ clips and the rest

  private ClipAsset save(StepContext ctx, int i, FlowPlan plan) throws InterruptedException {
    Values.ClipDone v = ctx.require(Keys.clip(i));
    String label = "clip-" + i;
    MediaRef stored = services.storeClip(ctx, label, v);
    ctx.assetReady(label, stored);
    return new ClipAsset(i, stored, v.durationSeconds() > 0 ? v.durationSeconds() : plan.seconds());
  }

  private List<SegmentAssets> collect(StepContext ctx, FlowInput in, FlowPlan plan, Layout layout) {
    List<SegmentAssets> out = new ArrayList<>();
    for (int i = 0; i < in.segments(); i++) {
      SegmentAssets reused = layout.reused().get(i);
      if (reused != null) {
        out.add(reused);
        continue;
      }
      ClipAsset clip = ctx.require(Keys.save(i));
      MediaRef start;
      MediaRef end;
      String prompt;
      if (in.mode() == FlowMode.PREDICTED_FRAMES) {
        start = frame(ctx, layout, i).media();
        FrameAsset e = plan.endFrames() ? frame(ctx, layout, i + 1) : null;
        end = e == null ? null : e.media();
        prompt = clipPrompt(in, i, e == null ? null : e.prompt(), plan);
      } else {
        start = start(ctx, layout, i).media();
        FrameAsset t = ctx.require(Keys.target(i));
        end = t.media();
        prompt = t.prompt();
      }
      out.add(new SegmentAssets(i, i + 1, start, end, clip.media(), clip.seconds(), prompt));
    }
    return Collections.unmodifiableList(out);
  }

  private Stitched stitch(StepContext ctx) {
    FlowInput in = ctx.input(FlowInput.class);
    List<SegmentAssets> segments = ctx.require(Keys.SEGMENTS);
    List<Transition> cuts = new ArrayList<>();
    for (int i = 0; i + 1 < segments.size(); i++) {
      cuts.add(Transition.CUT);
    }
    return services.stitch(ctx, DirectedSteps.paths(segments), cuts, in.output());
  }

  private ResultData result(StepContext ctx) {
    FlowPlan plan = ctx.require(Keys.FLOW_PLAN);
    FlowInput in = ctx.input(FlowInput.class);
    Stitched st = ctx.require(Keys.STITCH);
    return new ResultData(ctx.runId(), ContinuousFlow.WORKFLOW, st.video(), st.durationMillis(),
        ctx.get(Keys.THUMBNAIL).orElse(null), ctx.require(Keys.SEGMENTS), ctx.costs().entries(), plan.estimate(),
        DirectedSteps.warnings(ctx, plan.warnings()), null, in.settings(plan.seed(), plan.seconds()));
  }
}
