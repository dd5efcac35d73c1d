package dev.vcg.workflows.generation;

import static dev.vcg.direction.TransitionType.CROSSFADE;
import static dev.vcg.direction.TransitionType.CUT;
import static dev.vcg.direction.TransitionType.FADE_BLACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.cost.BudgetExceededException;
import dev.vcg.cost.CostEntry;
import dev.vcg.cost.Money;
import dev.vcg.cost.Price;
import dev.vcg.cost.PriceBook;
import dev.vcg.direction.AiDirector;
import dev.vcg.direction.PlanPricing;
import dev.vcg.direction.TransitionType;
import dev.vcg.direction.VideoDirection;
import dev.vcg.internal.Json;
import dev.vcg.media.DownloadLimits;
import dev.vcg.media.LocalAssetStore;
import dev.vcg.media.MediaDownloader;
import dev.vcg.media.MediaException;
import dev.vcg.media.MediaRef;
import dev.vcg.media.StitchRequest;
import dev.vcg.media.Transition;
import dev.vcg.provider.ContentPolicyException;
import dev.vcg.provider.ProviderError;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.VideoCapabilities;
import dev.vcg.provider.VideoRequest;
import dev.vcg.workflow.RunOutcome;
import dev.vcg.workflow.RunStatus;
import dev.vcg.workflow.WorkflowEngine;
import dev.vcg.workflow.WorkflowEvent;
import dev.vcg.workflow.WorkflowException;
import dev.vcg.workflow.WorkflowRun;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DirectedGenerationTest extends GenerationTestSupport {
  private static final PriceBook PRICES = PriceBook.builder()
      .price("test-images", "painter-1", Price.perImage("0.05"))
      .price("test-video", "mover-1", Price.perVideoSecond("0.10"))
      .build();

  @Test
  void adjacentShotsShareTheirBoundaryFrameWhenTheTransitionIsContinuous() throws Exception {
    DirectedGeneration directed = directed().build();
    Events events = new Events();
    VideoDirection plan = plan(shot(1, 5, CROSSFADE), shot(2, 5, FADE_BLACK), shot(3, 5, CUT));
    WorkflowRun run = directed.start(engine(), DirectedRequest.builder().direction(plan).seed(7L).build(),
        events.options());
    GenerationResult result = GenerationResult.from(await(run));

    // shot 1: frames 0, 1; shot 2 starts on frame 1 (crossfade); shot 3 starts afresh (fade to black)
    assertThat(images.calls()).isEqualTo(5);
    assertThat(videos.submits()).isEqualTo(3);
    List<VideoRequest> clips = videos.requests.stream()
        .sorted(java.util.Comparator.comparing(VideoRequest::prompt)).toList();
    assertThat(clips.get(1).startFrame()).isEqualTo(clips.get(0).endFrame().orElseThrow());
    assertThat(clips.get(2).startFrame()).isNotEqualTo(clips.get(1).endFrame().orElseThrow());
    assertThat(images.requests).allSatisfy(r -> {
      assertThat(r.seed()).contains(7L);
      assertThat(r.prompt()).contains("warm firelight").contains("colour palette: amber and black");
    });

    StitchRequest stitch = stitcher.requests.get(0);
    assertThat(stitch.clips()).hasSize(3);
    assertThat(stitch.transitions()).containsExactly(Transition.of(CROSSFADE, Duration.ofMillis(500)),
        Transition.of(FADE_BLACK, Duration.ofMillis(500)));
    assertThat(result.duration()).isEqualTo(Duration.ofMillis(14_500));
    assertThat(result.video()).exists();
    assertThat(result.thumbnail()).get().satisfies(p -> assertThat(p).exists());
    assertThat(result.segments()).extracting(SegmentAssets::shotId).containsExactly(1, 2, 3);
    assertThat(result.segments().get(1).startFrame()).isEqualTo(result.segments().get(0).endFrame());
    assertThat(result.segments()).allSatisfy(s -> assertThat(((MediaRef.File) s.clip()).path()).exists());
    assertThat(result.estimate().breakdown().imageCount()).isEqualTo(5);
    assertThat(result.estimate().breakdown().videoCount()).isEqualTo(3);
    assertThat(result.direction()).contains(plan);

    assertThat(events.assetLabels()).contains("frame-0", "frame-1", "frame-2", "frame-3", "frame-4", "clip-0",
        "clip-1", "clip-2", "video", "thumbnail");
    List<WorkflowEvent> all = events.awaitAll();
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).progress()).as("progress of event %d", i).isGreaterThanOrEqualTo(all.get(i - 1).progress());
    }
    assertThat(all.get(all.size() - 1)).isInstanceOf(WorkflowEvent.RunCompleted.class);
    assertThat(all.get(all.size() - 1).progress()).isEqualTo(1.0);
    assertThat(events.steps(s -> s.startsWith("generate/clip-"))).hasSize(3);
  }

  @Test
  void aVideoModelWithoutEndFramesGetsTheStartFrameOnly() throws Exception {
    videos = new TestVideos(tmp.resolve("provider"), VideoCapabilities.builder().durations(5, 10)
        .aspectFollowsImage(true).build());
    DirectedGeneration directed = directed().build();
    GenerationResult result = directed.generate(engine(), DirectedRequest.builder()
        .direction(plan(shot(1, 5, CROSSFADE), shot(2, 5, CUT), shot(3, 5, CUT))).build());

    assertThat(images.calls()).isEqualTo(3);
    assertThat(images.requests).allSatisfy(r -> assertThat(r.prompt()).contains("opening"));
    assertThat(videos.requests).allSatisfy(r -> assertThat(r.endFrame()).isEmpty());
    assertThat(result.segments()).allSatisfy(s -> assertThat(s.endFrameIfAny()).isEmpty());
    assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("takes no end frame"));
  }

  @Test
  void clipLengthsAreSnappedToTheLengthsTheModelMakes() throws Exception {
    videos = new TestVideos(tmp.resolve("provider"), VideoCapabilities.builder().durations(5, 10).endFrame(true)
        .aspectFollowsImage(true).build());
    DirectedGeneration directed = directed().build();
    GenerationResult result = directed.generate(engine(), DirectedRequest.builder()
        .direction(plan(shot(1, 4, CUT), shot(2, 7, CUT), shot(3, 8, CUT))).build());

    assertThat(videos.requests).extracting(VideoRequest::durationSeconds).containsExactlyInAnyOrder(5, 5, 10);
    assertThat(result.segments()).extracting(SegmentAssets::seconds).containsExactly(5.0, 5.0, 10.0);
    assertThat(result.duration()).isEqualTo(Duration.ofSeconds(20));
    assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("shot 2: 7 s snapped to 5 s"));
    assertThat(result.estimate().breakdown().totalDuration()).isEqualTo(20.0);
  }

  @Test
  void eachClipStartsAsSoonAsItsOwnFramesExist() throws Exception {
    CountDownLatch thirdShotFrames = images.hold(p -> p.startsWith("shot 3"));
    CountDownLatch twoClips = new CountDownLatch(2);
    videos.onSubmit = twoClips::countDown;
    DirectedGeneration directed = directed().build();
    WorkflowRun run = directed.start(engine(), DirectedRequest.builder()
        .direction(plan(shot(1, 2, FADE_BLACK), shot(2, 2, FADE_BLACK), shot(3, 2, CUT))).build());

    assertThat(twoClips.await(10, TimeUnit.SECONDS)).as("clips 0 and 1 submitted while shot 3's frames render")
        .isTrue();
    assertThat(run.context().contains("generate/frame-4")).isFalse();
    assertThat(run.context().contains("generate/frame-5")).isFalse();
    thirdShotFrames.countDown();
    assertThat(GenerationResult.from(await(run)).segments()).hasSize(3);
    assertThat(videos.submits()).isEqualTo(3);
  }

  @Test
  void aFinishedClipIsStoredAtOnceWhileOtherClipsAreStillRunning() throws Exception {
    // provider URLs expire (Runway's within hours), so a clip is fetched when it is done, not after the others
    videos.held = r -> r.prompt().startsWith("shot 2");
    CountDownLatch firstStored = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicReference<MediaRef> stored = new java.util.concurrent.atomic.AtomicReference<>();
    dev.vcg.workflow.WorkflowListener listener = new dev.vcg.workflow.WorkflowListener() {
      @Override
      public void onEvent(WorkflowEvent e) {
        if (e instanceof WorkflowEvent.AssetReady a && a.label().equals("clip-0")) {
          stored.set(a.media());
          firstStored.countDown();
        }
      }
    };
    WorkflowRun run = directed().build().start(engine(), DirectedRequest.builder()
        .direction(plan(shot(1, 2, FADE_BLACK), shot(2, 2, CUT))).build(),
        dev.vcg.workflow.RunOptions.builder().listener(listener).build());

    assertThat(firstStored.await(10, TimeUnit.SECONDS)).as("clip 0 stored while clip 1 runs").isTrue();
    assertThat(((MediaRef.File) stored.get()).path()).exists()
        .satisfies(p -> assertThat(p.startsWith(tmp.resolve("assets").toRealPath())).isTrue());
    assertThat(run.result()).isNotDone();
    assertThat(run.context().contains("generate/clip-1")).as("clip 1 is not done").isFalse();

    videos.held = r -> false;
    assertThat(GenerationResult.from(await(run)).segments()).hasSize(2);
    assertThat(videos.submits()).isEqualTo(2);
  }

  @Test
  void callsToOneProviderAreBounded() throws Exception {
    images.arrivals = new CountDownLatch(2);
    DirectedGeneration directed = directed().maxConcurrentCalls(2).build();
    directed.generate(engine(), DirectedRequest.builder()
        .direction(plan(shot(1, 2, FADE_BLACK), shot(2, 2, FADE_BLACK), shot(3, 2, CUT))).build());

    assertThat(images.calls()).isEqualTo(6);
    assertThat(images.peak.get()).isEqualTo(2);
  }

  @Test
  void theEstimateFollowsTheDirectorsRules() {
    DirectedGeneration directed = directed().priceBook(PRICES).build();
    VideoDirection plan = plan(shot(1, 5, CROSSFADE), shot(2, 4, FADE_BLACK), shot(3, 7, CUT));
    var estimate = directed.estimate(DirectedRequest.builder().direction(plan).build());
    var director = AiDirector.builder().priceBook(PRICES).videoCapabilities(videos.capabilities())
        .offlinePlanner((input, allowed, seed) -> { throw new AssertionError("no planning here"); }).build()
        .estimateCost(plan, PlanPricing.builder().image("test-images", "painter-1").video("test-video", "mover-1")
            .build());

    assertThat(estimate.images()).isEqualTo(director.images()).isEqualTo(Money.usd("0.25"));
    assertThat(estimate.videos()).isEqualTo(director.videos()).isEqualTo(Money.usd("1.70"));
    assertThat(estimate.breakdown()).isEqualTo(director.breakdown());
  }

  @Test
  void aPlanEstimatedAboveTheBudgetIsRefusedBeforeAnyPaidCall() throws Exception {
    DirectedGeneration directed = directed().priceBook(PRICES).build();
    DirectedRequest request = DirectedRequest.builder()
        .direction(plan(shot(1, 5, CUT), shot(2, 5, CUT), shot(3, 5, CUT))).maxCost(Money.usd("1.00")).build();
    assertThat(directed.estimate(request).total()).isEqualTo(Money.usd("1.70"));

    RunOutcome outcome = await(directed.start(engine(), request));

    assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
    assertThatThrownBy(() -> GenerationResult.from(outcome)).isInstanceOfSatisfying(BudgetExceededException.class,
        e -> {
          assertThat(e.spent()).isEqualTo(Money.ZERO);
          assertThat(e.cap()).isEqualTo(Money.usd("1.00"));
          assertThat(e.attempted()).isEqualTo(Money.usd("1.70"));
          assertThat(e.getMessage()).contains("4 frames, 3 clips");
        });
    assertThat(images.calls()).isZero();
    assertThat(videos.submits()).isZero();
    assertThat(outcome.context().metadata()).containsEntry(GenerationResult.ESTIMATED_COST, "1.700000");
  }

  @Test
  void aCallThatWouldPassTheBudgetIsNotMade() throws Exception {
    images.reportedCost = Money.usd("0.80"); // the provider charges far more than the price book says
    DirectedGeneration directed = directed().priceBook(PRICES).build();
    RunOutcome outcome = await(directed.start(engine(), DirectedRequest.builder()
        .direction(plan(shot(1, 5, CUT))).maxCost(Money.usd("1.50")).build()));

    assertThat(videos.submits()).isZero();
    assertThatThrownBy(() -> GenerationResult.from(outcome)).isInstanceOfSatisfying(BudgetExceededException.class,
        e -> {
          assertThat(e.spent()).isEqualTo(Money.usd("1.60"));
          assertThat(e.attempted()).isEqualTo(Money.usd("0.50"));
          assertThat(e.getMessage()).contains("clip-0");
        });
    assertThat(outcome.context().costs().entries()).hasSize(2)
        .allSatisfy(c -> assertThat(c.actual()).isTrue())
        .allSatisfy(c -> assertThat(c.amount()).isEqualTo(Money.usd("0.80")));
  }

  @Test
  void clipsInFlightWhenTheBudgetStopsTheRunCountAsSpent() throws Exception {
    images.reportedCost = Money.usd("0.30");
    videos.pollsToFinish = 0;
    CountDownLatch secondShot = images.hold(p -> p.startsWith("shot 2"));
    videos.onSubmit = secondShot::countDown;
    DirectedGeneration directed = directed().priceBook(PRICES).build();
    RunOutcome outcome = await(directed.start(engine(), DirectedRequest.builder()
        .direction(plan(shot(1, 5, FADE_BLACK), shot(2, 5, CUT))).maxCost(Money.usd("1.60")).build()));

    assertThat(videos.submits()).isEqualTo(1);
    assertThatThrownBy(() -> GenerationResult.from(outcome)).isInstanceOfSatisfying(BudgetExceededException.class,
        e -> assertThat(e.spent()).isEqualTo(Money.usd("1.70")));
    assertThat(outcome.context().costs().entries()).filteredOn(c -> c.kind() == ProviderKind.VIDEO)
        .singleElement().satisfies(c -> {
          assertThat(c.amount()).isEqualTo(Money.usd("0.50"));
          assertThat(c.label()).contains("in flight");
        });
  }

  @Test
  void everyCallIsRecordedWithTheProvidersCostWhereItReportsOne() throws Exception {
    videos.reportedCost = Money.usd("0.42");
    Events events = new Events();
    DirectedGeneration directed = directed().priceBook(PRICES).build();
    GenerationResult result = GenerationResult.from(await(directed.start(engine(), DirectedRequest.builder()
        .direction(plan(shot(1, 5, CUT), shot(2, 5, CUT))).build(), events.options())));

    assertThat(result.costEntries()).filteredOn(c -> c.kind() == ProviderKind.IMAGE).hasSize(3)
        .allSatisfy(c -> {
          assertThat(c.amount()).isEqualTo(Money.usd("0.05"));
          assertThat(c.actual()).isFalse();
          assertThat(c.providerId()).isEqualTo("test-images");
        });
    assertThat(result.costEntries()).filteredOn(c -> c.kind() == ProviderKind.VIDEO).hasSize(2)
        .allSatisfy(c -> {
          assertThat(c.amount()).isEqualTo(Money.usd("0.42"));
          assertThat(c.actual()).isTrue();
        });
    assertThat(result.totalCost()).isEqualTo(Money.usd("0.99"));
    assertThat(result.costs().total()).isEqualTo(Money.usd("0.99"));
    assertThat(result.estimate().total()).isEqualTo(Money.usd("1.15"));
    assertThat(events.of(WorkflowEvent.CostIncurred.class)).extracting(WorkflowEvent.CostIncurred::entry)
        .map(CostEntry::label).containsExactlyInAnyOrder("frame-0", "frame-1", "frame-2", "generate/clip-0",
            "generate/clip-1");
  }

  @Test
  void cancellingStopsTheRunAndCancelsRemoteJobs() throws Exception {
    videos.pollsToFinish = 0;
    CountDownLatch submitted = new CountDownLatch(2);
    videos.onSubmit = submitted::countDown;
    DirectedGeneration directed = directed().build();
    WorkflowRun run = directed.start(engine(), DirectedRequest.builder()
        .direction(plan(shot(1, 5, CUT), shot(2, 5, CUT))).build());
    assertThat(submitted.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(run.cancel()).isTrue();
    RunOutcome outcome = await(run);

    assertThat(outcome.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(videos.cancelled).containsExactlyInAnyOrder("job-1", "job-2");
    assertThat(stitcher.requests).isEmpty();
    assertThatThrownBy(() -> GenerationResult.from(outcome)).isInstanceOfSatisfying(WorkflowException.class,
        e -> assertThat(e.stage()).isEqualTo(WorkflowException.Stage.CANCEL));
  }

  @Test
  void aReviewStopsBeforeAnyClipIsPaidForAndApprovalContinues() throws Exception {
    DirectedGeneration directed = directed().priceBook(PRICES).build();
    WorkflowEngine engine = engine();
    RunOutcome waiting = await(directed.start(engine, DirectedRequest.builder()
        .direction(plan(shot(1, 5, CUT), shot(2, 5, CUT))).reviewFrames(true).build()));

    assertThat(waiting.status()).isEqualTo(RunStatus.SUSPENDED);
    assertThat(videos.submits()).isZero();
    assertThat(images.calls()).isEqualTo(3);
    assertThat(waiting.suspension()).get().satisfies(s -> {
      assertThat(s.questions()).extracting(q -> q.id()).containsExactly(DirectedGeneration.APPROVE);
      assertThat(s.attributes()).containsEntry("costToAnimate", "1.000000").containsKeys("frame-0", "frame-2");
      assertThat(s.message()).contains("1.00");
    });

    GenerationResult result = GenerationResult.from(await(directed.approve(engine, waiting.runId())));
    assertThat(images.calls()).isEqualTo(3);
    assertThat(videos.submits()).isEqualTo(2);
    assertThat(result.segments()).hasSize(2);
  }

  @Test
  void aRejectedReviewEndsTheRunWithoutClips() throws Exception {
    DirectedGeneration directed = directed().build();
    WorkflowEngine engine = engine();
    RunOutcome waiting = await(directed.start(engine, DirectedRequest.builder()
        .direction(plan(shot(1, 5, CUT))).reviewFrames(true).build()));
    RunOutcome rejected = await(directed.resume(engine, waiting.runId(),
        dev.vcg.workflow.Answers.of(java.util.Map.of(DirectedGeneration.APPROVE, "no"))));

    assertThat(rejected.status()).isEqualTo(RunStatus.FAILED);
    assertThat(videos.submits()).isZero();
    assertThatThrownBy(() -> GenerationResult.from(rejected)).hasMessageContaining("not approved");
  }

  @Test
  void aProviderErrorIsThrownAsItself() throws Exception {
    videos.submitFailure = new ContentPolicyException(ProviderError.of("test-video", "the prompt was refused"), null);
    RunOutcome outcome = await(directed().build().start(engine(), DirectedRequest.builder()
        .direction(plan(shot(1, 5, CUT))).build()));

    assertThatThrownBy(() -> GenerationResult.from(outcome)).isInstanceOf(ContentPolicyException.class)
        .hasMessageContaining("the prompt was refused");
  }

  @Test
  void stitchAndThumbnailProblemsBecomeWarnings() throws Exception {
    stitcher.replaceTransitions = true;
    frames.thumbnailFailure = new MediaException(null, MediaException.Reason.DECODE_FAILED, "cannot decode frame 12");
    GenerationResult result = directed().build().generate(engine(), DirectedRequest.builder()
        .direction(plan(shot(1, 2, CROSSFADE), shot(2, 2, CUT))).build());

    assertThat(result.thumbnail()).isEmpty();
    assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("replaced by a cut"))
        .anySatisfy(w -> assertThat(w).contains("no thumbnail").contains("cannot decode frame 12"));
  }

  @Test
  void aClipLargerThanTheStoresCapEndsTheRunWithoutPayingAgainOrLeavingPartOfIt() throws Exception {
    java.nio.file.Path capped = tmp.resolve("capped");
    store = LocalAssetStore.builder().baseDirectory(capped).downloader(MediaDownloader.builder()
        .limits(DownloadLimits.builder().maxVideoBytes(20).build()).build()).build();
    RunOutcome outcome = await(directed().build().start(engine(), DirectedRequest.builder()
        .direction(plan(shot(1, 5, CUT))).build()));

    assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
    assertThatThrownBy(() -> GenerationResult.from(outcome)).isInstanceOfSatisfying(MediaException.class, e -> {
      assertThat(e.reason()).isEqualTo(MediaException.Reason.TOO_LARGE);
      assertThat(e.getMessage()).contains("20 bytes");
    });
    assertThat(videos.submits()).as("the clip is paid once").isEqualTo(1);
    assertThat(stitcher.requests).isEmpty();
    // the frames were stored; nothing of the clip, not even a temporary file, is left in the store
    try (java.util.stream.Stream<java.nio.file.Path> files = Files.walk(capped)) {
      assertThat(files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList())
          .hasSize(2).allSatisfy(n -> assertThat(n).endsWith(".png"));
    }
  }

  @Test
  void theVideoIsWrittenWhereTheRequestSays() throws Exception {
    java.nio.file.Path out = tmp.resolve("out").resolve("forge.mp4");
    Files.createDirectories(out.getParent());
    GenerationResult result = directed().build().generate(engine(), DirectedRequest.builder()
        .direction(plan(shot(1, 2, CUT))).output(out).build());

    assertThat(result.video()).isEqualTo(out);
    assertThat(out).exists();
  }

  @Test
  void aResultSurvivesJson() throws Exception {
    GenerationResult result = directed().priceBook(PRICES).build().generate(engine(), DirectedRequest.builder()
        .direction(plan(shot(1, 2, CROSSFADE), shot(2, 2, CUT))).build());

    String json = Json.mapper().writeValueAsString(result);
    GenerationResult back = Json.mapper().readValue(json, GenerationResult.class);

    assertThat(back.video()).isEqualTo(result.video());
    assertThat(back.duration()).isEqualTo(result.duration());
    assertThat(back.segments()).isEqualTo(result.segments());
    assertThat(back.costEntries()).isEqualTo(result.costEntries());
    assertThat(back.estimate()).isEqualTo(result.estimate());
    assertThat(back.direction()).isEqualTo(result.direction());
    assertThat(back.warnings()).isEqualTo(result.warnings());
  }

  @Test
  void requestsCheckTheirArguments() {
    assertThatThrownBy(() -> DirectedRequest.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("direction");
    assertThatThrownBy(() -> DirectedRequest.builder().transitionDuration(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DirectedGeneration.builder().videoProvider(videos).assetStore(store).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("imageProvider");
    assertThatThrownBy(() -> DirectedGeneration.builder().maxConcurrentCalls(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(TransitionType.CUT.isContinuous()).isTrue();
  }
}
