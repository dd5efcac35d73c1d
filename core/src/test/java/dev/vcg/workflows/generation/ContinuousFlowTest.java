package dev.vcg.workflows.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.cost.BudgetExceededException;
import dev.vcg.cost.Money;
import dev.vcg.cost.Price;
import dev.vcg.cost.PriceBook;
import dev.vcg.direction.TransitionType;
import dev.vcg.direction.VideoStyle;
import dev.vcg.media.FramePosition;
import dev.vcg.media.ImageFormat;
import dev.vcg.media.MediaRef;
import dev.vcg.media.Transition;
import dev.vcg.provider.ImageCapabilities;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.VideoCapabilities;
import dev.vcg.provider.VideoRequest;
import dev.vcg.workflow.RunOutcome;
import dev.vcg.workflow.WorkflowEngine;
import dev.vcg.workflow.WorkflowEvent;
import dev.vcg.workflow.WorkflowRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContinuousFlowTest extends GenerationTestSupport {
  private static final PriceBook PRICES = PriceBook.builder()
      .price("test-images", "painter-1", Price.perImage("0.05"))
      .price("test-video", "mover-1", Price.perVideoSecond("0.10"))
      .price("test-vision", "seer-1", Price.perMillionTokens("1.00", "4.00"))
      .build();

  TestVision vision;

  @BeforeEach
  void setUpVision() {
    vision = new TestVision();
  }

  ContinuousFlow.Builder flow() {
    return ContinuousFlow.builder().imageProvider(images).videoProvider(videos).llmProvider(vision)
        .stitcher(stitcher).frameExtractor(frames).assetStore(store).pollPolicy(FAST_POLLS);
  }

  static FlowRequest.Builder request(int segments) {
    return FlowRequest.builder().prompt("a cat walking through a magical forest").style(VideoStyle.CINEMATIC)
        .segments(segments).segmentSeconds(5).seed(42L);
  }

  @Test
  void eachFrameIsPredictedFromTheOneBeforeAndEachClipRunsFromFrameToFrame() throws Exception {
    Events events = new Events();
    WorkflowRun run = flow().build().start(engine(), request(3).build(), events.options());
    GenerationResult result = GenerationResult.from(await(run));

    assertThat(images.calls()).isEqualTo(4);
    assertThat(vision.calls()).isEqualTo(3);
    List<SegmentAssets> segments = result.segments();
    assertThat(segments).hasSize(3);
    // the vision model saw frame i and described frame i + 1, which the image model drew from frame i
    for (int i = 0; i < 3; i++) {
      SegmentAssets s = segments.get(i);
      assertThat(TestVision.imageOf(vision.requests.get(i))).isEqualTo(s.startFrame());
      assertThat(s.prompt()).isEqualTo("the cat at " + (5 * (i + 1)) + " seconds walks deeper into the glowing forest");
      if (i > 0) {
        assertThat(s.startFrame()).isEqualTo(segments.get(i - 1).endFrame());
      }
    }
    List<ImageRequest> drawn = images.requests;
    assertThat(drawn.get(0).prompt()).contains("cinematic style", "opening frame");
    assertThat(drawn.get(0).referenceImages()).isEmpty();
    for (int i = 1; i < 4; i++) {
      assertThat(drawn.get(i).referenceImages()).containsExactly(segments.get(i - 1).startFrame());
      assertThat(drawn.get(i).prompt()).contains("the cat at " + (5 * i) + " seconds");
    }
    assertThat(drawn).allSatisfy(r -> assertThat(r.seed()).contains(42L));
    List<VideoRequest> clips = videos.requests.stream()
        .sorted(Comparator.comparing(r -> r.startFrame().toString())).toList();
    assertThat(clips).extracting(VideoRequest::startFrame)
        .containsExactly(segments.get(0).startFrame(), segments.get(1).startFrame(), segments.get(2).startFrame());
    assertThat(clips).extracting(r -> r.endFrame().orElseThrow())
        .containsExactly(segments.get(0).endFrame(), segments.get(1).endFrame(), segments.get(2).endFrame());
    assertThat(stitcher.requests.get(0).transitions()).containsExactly(Transition.CUT, Transition.CUT);
    assertThat(result.duration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(result.flowRequest()).get().satisfies(r -> {
      assertThat(r.segments()).isEqualTo(3);
      assertThat(r.seed()).contains(42L);
      assertThat(r.mode()).isEqualTo(FlowMode.PREDICTED_FRAMES);
    });
    assertThat(events.assetLabels()).contains("frame-0", "frame-1", "frame-2", "frame-3", "clip-0", "clip-1",
        "clip-2", "video");
  }

  @Test
  void clipsStartWhileLaterFramesAreStillBeingPredicted() throws Exception {
    CountDownLatch frame3 = images.hold(p -> p.contains("at 15 seconds"));
    CountDownLatch twoClips = new CountDownLatch(2);
    videos.onSubmit = twoClips::countDown;
    WorkflowRun run = flow().build().start(engine(), request(3).build());

    assertThat(twoClips.await(10, TimeUnit.SECONDS)).as("clips 0 and 1 submitted while frame 3 renders").isTrue();
    assertThat(run.context().contains("generate/frame-3")).isFalse();
    frame3.countDown();
    assertThat(GenerationResult.from(await(run)).segments()).hasSize(3);
  }

  @Test
  void withoutAVisionModelFramesAreDescribedByRules() throws Exception {
    GenerationResult result = ContinuousFlow.builder().imageProvider(images).videoProvider(videos).stitcher(stitcher)
        .frameExtractor(frames).assetStore(store).pollPolicy(FAST_POLLS).priceBook(PRICES).build()
        .generate(engine(), request(2).build());

    assertThat(images.calls()).isEqualTo(3);
    assertThat(images.requests.get(1).prompt()).contains("a cat walking through a magical forest", "5 seconds in");
    assertThat(images.requests.get(2).prompt()).contains("10 seconds in");
    assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("described by rules"));
    assertThat(result.estimate().llm()).isEqualTo(Money.ZERO);
  }

  @Test
  void lastFrameModeStartsEachClipOnThePreviousClipsRealLastFrame() throws Exception {
    GenerationResult result = flow().build().generate(engine(), request(3).mode(FlowMode.LAST_FRAME).build());

    List<SegmentAssets> s = result.segments();
    assertThat(videos.submits()).isEqualTo(3);
    assertThat(frames.lastFrames).containsExactly(path(s.get(0).clip()), path(s.get(1).clip()));
    for (int i = 1; i < 3; i++) {
      byte[] expected = MediaRef.readLocal(frames.image(path(s.get(i - 1).clip()), FramePosition.last(),
          ImageFormat.PNG), 1 << 20);
      assertThat(Files.readAllBytes(path(s.get(i).startFrame()))).isEqualTo(expected);
      assertThat(TestVision.imageOf(vision.requests.get(i))).isEqualTo(s.get(i).startFrame());
    }
    // clips ran one after another: each was submitted with the last frame of the one before
    assertThat(videos.requests).extracting(VideoRequest::startFrame).containsExactly(s.get(0).startFrame(),
        s.get(1).startFrame(), s.get(2).startFrame());
    assertThat(videos.requests).allSatisfy(r -> assertThat(r.endFrame()).isPresent());
    assertThat(images.calls()).isEqualTo(4); // frame 0 and one target per segment
    assertThat(vision.calls()).isEqualTo(3);
  }

  @Test
  void regeneratingASegmentMakesOnlyItsClipAgain() throws Exception {
    ContinuousFlow flow = flow().build();
    WorkflowEngine engine = engine();
    GenerationResult first = flow.generate(engine, request(4).build());
    int imageCalls = images.calls();
    int visionCalls = vision.calls();

    GenerationResult second = GenerationResult.from(await(flow.regenerate(engine, first, 2)));

    assertThat(images.calls()).isEqualTo(imageCalls);
    assertThat(vision.calls()).isEqualTo(visionCalls);
    assertThat(videos.submits()).isEqualTo(5);
    VideoRequest again = videos.requests.get(4);
    assertThat(again.startFrame()).isEqualTo(first.segments().get(2).startFrame());
    assertThat(again.endFrame()).contains(first.segments().get(2).endFrame());
    assertThat(again.seed()).contains(43L);
    assertThat(second.runId()).isNotEqualTo(first.runId());
    assertThat(second.segments()).hasSize(4);
    for (int i : new int[] {0, 1, 3}) {
      assertThat(second.segments().get(i)).isEqualTo(first.segments().get(i));
    }
    assertThat(second.segments().get(2).clip()).isNotEqualTo(first.segments().get(2).clip());
    assertThat(stitcher.requests.get(1).clips()).hasSize(4);
    assertThat(second.video()).isNotEqualTo(first.video()).exists();
    assertThat(first.video()).exists();
    assertThat(second.costEntries()).hasSize(1);
  }

  @Test
  void aRegeneratedSegmentMayGetANewPrompt() throws Exception {
    ContinuousFlow flow = flow().build();
    WorkflowEngine engine = engine();
    GenerationResult first = flow.generate(engine, request(2).build());
    GenerationResult second = GenerationResult.from(await(flow.regenerate(engine, first, 1,
        "the cat leaps onto a mossy stone", dev.vcg.workflow.RunOptions.defaults())));

    assertThat(videos.requests.get(2).prompt()).isEqualTo("the cat leaps onto a mossy stone");
    assertThat(second.segments().get(1).prompt()).isEqualTo("the cat leaps onto a mossy stone");
  }

  @Test
  void appendingAddsSegmentsAfterTheLastFrame() throws Exception {
    ContinuousFlow flow = flow().build();
    WorkflowEngine engine = engine();
    GenerationResult first = flow.generate(engine, request(2).build());
    assertThat(images.calls()).isEqualTo(3);

    GenerationResult longer = GenerationResult.from(await(flow.append(engine, first, 2)));

    assertThat(images.calls()).isEqualTo(5);
    assertThat(vision.calls()).isEqualTo(4);
    assertThat(videos.submits()).isEqualTo(4);
    assertThat(TestVision.imageOf(vision.requests.get(2))).isEqualTo(first.segments().get(1).endFrame());
    assertThat(longer.segments()).hasSize(4);
    assertThat(longer.segments().subList(0, 2)).isEqualTo(first.segments());
    assertThat(longer.segments().get(2).startFrame()).isEqualTo(first.segments().get(1).endFrame());
    assertThat(longer.duration()).isEqualTo(Duration.ofSeconds(20));
    assertThat(longer.flowRequest().orElseThrow().segments()).isEqualTo(4);
    assertThat(longer.estimate().breakdown().videoCount()).isEqualTo(2);
  }

  @Test
  void inLastFrameModeRegeneratingRedoesTheSegmentsAfterIt() throws Exception {
    ContinuousFlow flow = flow().build();
    WorkflowEngine engine = engine();
    GenerationResult first = flow.generate(engine, request(3).mode(FlowMode.LAST_FRAME).build());

    GenerationResult second = GenerationResult.from(await(flow.regenerate(engine, first, 1)));

    assertThat(videos.submits()).isEqualTo(5);
    assertThat(images.calls()).isEqualTo(4 + 2);
    assertThat(second.segments().get(0)).isEqualTo(first.segments().get(0));
    assertThat(second.segments().get(1).startFrame()).isEqualTo(first.segments().get(1).startFrame());
    assertThat(second.segments().get(2).startFrame()).isNotEqualTo(first.segments().get(2).startFrame());
  }

  @Test
  void inLastFrameModeAppendingStartsOnTheLastClipsLastFrame() throws Exception {
    ContinuousFlow flow = flow().build();
    WorkflowEngine engine = engine();
    GenerationResult first = flow.generate(engine, request(2).mode(FlowMode.LAST_FRAME).build());

    GenerationResult longer = GenerationResult.from(await(flow.append(engine, first, 1)));

    assertThat(videos.submits()).isEqualTo(3);
    assertThat(frames.lastFrames).last().isEqualTo(path(first.segments().get(1).clip()));
    assertThat(videos.requests.get(2).startFrame()).isEqualTo(longer.segments().get(2).startFrame());
    assertThat(longer.segments().subList(0, 2)).isEqualTo(first.segments());
  }

  @Test
  void theEstimateCountsFramesDescriptionsAndClips() {
    ContinuousFlow flow = flow().priceBook(PRICES).build();
    var e = flow.estimate(request(6).build());

    assertThat(e.breakdown().imageCount()).isEqualTo(7);
    assertThat(e.breakdown().videoCount()).isEqualTo(6);
    assertThat(e.images()).isEqualTo(Money.usd("0.35"));
    assertThat(e.videos()).isEqualTo(Money.usd("3.00"));
    // 6 descriptions of 1,500 tokens in and 300 out at $1/$4 per million
    assertThat(e.llm()).isEqualTo(Money.usd("0.0162"));
  }

  @Test
  void theBudgetIsCheckedBeforeTheFirstPaidCallAndCallsAreRecorded() throws Exception {
    ContinuousFlow flow = flow().priceBook(PRICES).build();
    RunOutcome refused = await(flow.start(engine(), request(6).maxCost(Money.usd("1.00")).build()));
    assertThatThrownBy(() -> GenerationResult.from(refused)).isInstanceOf(BudgetExceededException.class);
    assertThat(images.calls() + vision.calls() + videos.submits()).isZero();

    vision.reportedCost = Money.usd("0.003");
    GenerationResult ok = flow.generate(engine(), request(2).maxCost(Money.usd("5.00")).build());
    assertThat(ok.costEntries()).filteredOn(c -> c.kind() == ProviderKind.LLM).hasSize(2)
        .allSatisfy(c -> assertThat(c.amount()).isEqualTo(Money.usd("0.003")));
    assertThat(ok.costEntries()).filteredOn(c -> c.kind() == ProviderKind.IMAGE).hasSize(3);
    assertThat(ok.costEntries()).filteredOn(c -> c.kind() == ProviderKind.VIDEO).hasSize(2);
  }

  @Test
  void aCallThatWouldPassTheBudgetMidFlowIsNotMadeAndTheErrorSaysWhatWasSpent() throws Exception {
    images.reportedCost = Money.usd("0.40"); // the image model charges far more than the price book says
    vision.reportedCost = Money.usd("0.01");
    ContinuousFlow flow = flow().priceBook(PRICES).build();
    Events events = new Events();
    RunOutcome outcome = await(flow.start(engine(), request(1).maxCost(Money.usd("1.00")).build(), events.options()));

    // frame 0, the description and frame 1 were paid (0.81); clip 0 would add about 0.50 to that
    assertThat(videos.submits()).isZero();
    assertThat(images.calls()).isEqualTo(2);
    assertThat(vision.calls()).isEqualTo(1);
    assertThatThrownBy(() -> GenerationResult.from(outcome)).isInstanceOfSatisfying(BudgetExceededException.class,
        e -> {
          assertThat(e.spent()).isEqualTo(Money.usd("0.81"));
          assertThat(e.cap()).isEqualTo(Money.usd("1.00"));
          assertThat(e.attempted()).isEqualTo(Money.usd("0.50"));
          assertThat(e.getMessage()).contains("clip-0", Money.usd("0.81").toString(), "budget is already spent");
        });
    assertThat(outcome.context().costs().entries()).hasSize(3).allSatisfy(c -> assertThat(c.actual()).isTrue());
    assertThat(events.of(WorkflowEvent.CostIncurred.class)).hasSize(3);
  }

  @Test
  void progressIsReportedPerSegmentWithPreviewsAndRisesToOne() throws Exception {
    Events events = new Events();
    GenerationResult result = GenerationResult.from(await(flow().build().start(engine(), request(3).build(),
        events.options())));

    List<WorkflowEvent> all = events.awaitAll();
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).progress()).as("progress of event %d", i).isGreaterThanOrEqualTo(all.get(i - 1).progress());
    }
    assertThat(all.get(all.size() - 1)).isInstanceOf(WorkflowEvent.RunCompleted.class);
    assertThat(all.get(all.size() - 1).progress()).isEqualTo(1.0);
    List<String> progressSteps = events.of(WorkflowEvent.StepProgress.class).stream()
        .map(WorkflowEvent.StepProgress::step).distinct().toList();
    for (int i = 0; i < 3; i++) {
      assertThat(progressSteps).as("progress of segment %d", i).contains("generate/frame-" + (i + 1),
          "generate/clip-" + i);
    }
    // every frame and clip is shown as soon as it exists, by the step that made it
    List<WorkflowEvent.AssetReady> previews = events.of(WorkflowEvent.AssetReady.class);
    for (int i = 0; i < 3; i++) {
      SegmentAssets s = result.segments().get(i);
      String clip = "clip-" + i;
      assertThat(previews).filteredOn(a -> a.label().equals(clip)).singleElement()
          .satisfies(a -> assertThat(a.media()).isEqualTo(s.clip()));
      String end = "frame-" + (i + 1);
      assertThat(previews).filteredOn(a -> a.label().equals(end)).singleElement()
          .satisfies(a -> assertThat(a.media()).isEqualTo(s.endFrame()));
      // a clip's preview comes after both of its frames' previews
      assertThat(indexOf(all, clip)).isGreaterThan(indexOf(all, "frame-" + i)).isGreaterThan(indexOf(all, end));
    }
  }

  private static int indexOf(List<WorkflowEvent> all, String label) {
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i) instanceof WorkflowEvent.AssetReady a && a.label().equals(label)) {
        return i;
      }
    }
    throw new AssertionError("no preview " + label);
  }

  @Test
  void anImageModelWithoutReferencesOrSeedsGetsNeitherAndTheResultSaysSo() throws Exception {
    images = new TestImages(ImageCapabilities.builder().maxSize(4096, 4096).build());
    GenerationResult result = flow().build().generate(engine(), request(2).build());

    assertThat(images.calls()).isEqualTo(3);
    assertThat(images.requests).allSatisfy(r -> {
      assertThat(r.referenceImages()).isEmpty();
      assertThat(r.seed()).isEmpty();
    });
    // the descriptions still chain: frame i + 1 is described from frame i
    assertThat(TestVision.imageOf(vision.requests.get(1))).isEqualTo(result.segments().get(1).startFrame());
    assertThat(images.requests.get(2).prompt()).contains("the cat at 10 seconds");
    assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("takes no reference image"));
  }

  @Test
  void aVideoModelWithoutEndFramesGetsOneFrameLess() throws Exception {
    videos = new TestVideos(tmp.resolve("provider"), VideoCapabilities.builder().durations(5).aspectFollowsImage(true)
        .build());
    GenerationResult result = flow().build().generate(engine(), request(3).build());

    assertThat(images.calls()).isEqualTo(3);
    assertThat(videos.requests).allSatisfy(r -> assertThat(r.endFrame()).isEmpty());
    assertThat(result.segments()).allSatisfy(s -> assertThat(s.endFrameIfAny()).isEmpty());
  }

  @Test
  void onlyFlowResultsCanBeRegenerated() throws Exception {
    ContinuousFlow flow = flow().build();
    WorkflowEngine engine = engine();
    GenerationResult directed = directed().build().generate(engine, DirectedRequest.builder()
        .direction(plan(shot(1, 2, TransitionType.CUT))).build());
    GenerationResult first = flow.generate(engine, request(2).build());

    assertThatThrownBy(() -> flow.regenerate(engine, directed, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DIRECTED_GENERATION");
    assertThatThrownBy(() -> flow.regenerate(engine, first, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> flow.append(engine, first, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FlowRequest.builder().segments(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FlowRequest.builder().build()).hasMessageContaining("prompt");
  }

  @Test
  void descriptionsAreCleanedUp() {
    assertThat(FramePredictor.clean("\"Prompt: a fox runs\"\n\nSome notes")).isEqualTo("a fox runs");
    assertThat(FramePredictor.clean("Description:  the   fox\nstops")).isEqualTo("the fox stops");
    assertThat(FramePredictor.clean("x".repeat(900))).hasSize(FramePredictor.MAX_DESCRIPTION);
  }

  @Test
  void cancellingAFlowCancelsItsRemoteJobs() throws Exception {
    videos.pollsToFinish = 0;
    CountDownLatch submitted = new CountDownLatch(3);
    videos.onSubmit = submitted::countDown;
    WorkflowRun run = flow().build().start(engine(), request(3).build());
    assertThat(submitted.await(10, TimeUnit.SECONDS)).isTrue();

    run.cancel();
    RunOutcome outcome = await(run);

    assertThat(outcome.status()).isEqualTo(dev.vcg.workflow.RunStatus.CANCELLED);
    assertThat(videos.cancelled).containsExactlyInAnyOrder("job-1", "job-2", "job-3");
  }

  @Test
  void aResumedFlowReusesItsFramesAndPollsItsSavedJobs() throws Exception {
    videos.pollsToFinish = 0;
    CrashableStore disk = new CrashableStore(dev.vcg.workflow.ContextStore.directory(tmp.resolve("runs")));
    disk.crashAfterSaving(doc -> doc.contains("\"generate/clip-2\"") && doc.contains("\"job\"")
        && jobs(doc) == 3);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    WorkflowEngine first = WorkflowEngine.builder().executor(pool).store(disk).build();
    engines.add(first);
    WorkflowRun run = flow().build().start(first, request(3).build());
    assertThat(disk.down.await(10, TimeUnit.SECONDS)).isTrue();
    pool.shutdownNow();
    first.close();
    int imageCalls = images.calls();
    int visionCalls = vision.calls();

    videos.pollsToFinish = 1;
    WorkflowEngine second = WorkflowEngine.builder().store(dev.vcg.workflow.ContextStore.directory(tmp.resolve("runs")))
        .build();
    engines.add(second);
    GenerationResult result = GenerationResult.from(await(flow().build().resume(second, run.id())));

    assertThat(videos.submits()).isEqualTo(3);
    assertThat(images.calls()).isEqualTo(imageCalls).isEqualTo(4);
    assertThat(vision.calls()).isEqualTo(visionCalls);
    assertThat(result.segments()).hasSize(3);
  }

  private static int jobs(String doc) {
    try {
      com.fasterxml.jackson.databind.JsonNode steps = dev.vcg.internal.Json.mapper().readTree(doc).path("steps");
      int n = 0;
      for (int i = 0; i < 3; i++) {
        if (steps.path("generate/clip-" + i).has("job")) {
          n++;
        }
      }
      return n;
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  private static Path path(MediaRef ref) {
    return ((MediaRef.File) ref).path();
  }
}
