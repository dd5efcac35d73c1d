package dev.vcg.examples.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.GatewayInput;
import dev.vcg.GatewayOptions;
import dev.vcg.GatewayRequest;
import dev.vcg.GatewayResponse;
import dev.vcg.GenerationMode;
import dev.vcg.ProviderChoice;
import dev.vcg.Quality;
import dev.vcg.VideoCreationGateway;
import dev.vcg.VideoOptions;
import dev.vcg.WorkflowHandle;
import dev.vcg.cost.BudgetExceededException;
import dev.vcg.cost.Money;
import dev.vcg.cost.Price;
import dev.vcg.cost.PriceBook;
import dev.vcg.media.MediaRef;
import dev.vcg.projects.NewProject;
import dev.vcg.projects.Project;
import dev.vcg.projects.ProjectStatus;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.ProviderRegistry;
import dev.vcg.workflow.WorkflowEvent;
import dev.vcg.workflows.generation.GenerationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway end to end with the real modules and no keys: the offline image and video
 * providers, the rule planner and the JCodec stitcher make real MP4s.
 */
class GatewayVideoTest {
  @TempDir
  Path dir;

  VideoCreationGateway.Builder offline() {
    return VideoCreationGateway.builder()
        .providers(ProviderRegistry.discover().withEnvironment(k -> null, k -> null))
        .providerConfig(ProviderConfig.builder("local").option("outputDir", dir.resolve("clips").toString()).build())
        .assetDirectory(dir.resolve("assets"));
  }

  @Test
  void oneCallMakesAPlayableVideoOfTheAskedLengthOffline() throws Exception {
    try (VideoCreationGateway g = offline().build()) {
      assertThat(g.providers()).extracting(ProviderChoice::kind).containsExactly(ProviderKind.LLM, ProviderKind.IMAGE,
          ProviderKind.VIDEO);
      assertThat(g.providers()).allMatch(ProviderChoice::isOffline);
      Path out = dir.resolve("lighthouse.mp4");
      WorkflowHandle h = g.createVideo("a lighthouse at dawn, waves crashing",
          VideoOptions.builder().seconds(6).quality(Quality.DRAFT).output(out).build());
      List<WorkflowEvent> events = collect(h);
      GatewayResponse r = h.result().get(120, TimeUnit.SECONDS);
      assertThat(r).isInstanceOf(GatewayResponse.Completed.class);
      GenerationResult video = ((GatewayResponse.Completed) r).video().orElseThrow();
      assertThat(video.video()).isEqualTo(out).exists();
      assertThat(video.duration().toMillis() / 1000.0).isBetween(4.5, 7.5);
      assertThat(video.thumbnail()).hasValueSatisfying(t -> assertThat(t).exists());
      assertThat(video.totalCost()).isEqualTo(Money.ZERO);
      assertThat(((GatewayResponse.Completed) r).plan()).isPresent();
      Mp4Oracle.assertPlayable(out, video.duration().toMillis() / 1000.0, 0.25);

      assertThat(events.get(0)).isInstanceOf(WorkflowEvent.RunStarted.class);
      assertThat(events.get(events.size() - 1)).isInstanceOf(WorkflowEvent.RunCompleted.class);
      assertThat(events).filteredOn(WorkflowEvent::isTerminal).hasSize(1);
      assertThat(events).filteredOn(e -> e instanceof WorkflowEvent.AssetReady)
          .extracting(e -> ((WorkflowEvent.AssetReady) e).label()).anyMatch(l -> l.startsWith("clip-"))
          .contains("video");
      for (int i = 1; i < events.size(); i++) {
        assertThat(events.get(i).progress()).isGreaterThanOrEqualTo(events.get(i - 1).progress());
      }
      assertThat(events).map(WorkflowEvent::runId).contains(h.id(), h.id() + VideoCreationGateway.RENDER_SUFFIX);
    }
  }

  @Test
  void continuousFlowMakesOneShotFromThePrompt() {
    try (VideoCreationGateway g = offline().build()) {
      GenerationResult video = g.createVideoAndWait("a paper boat drifting down a rainy street",
          VideoOptions.builder().seconds(4).quality(Quality.DRAFT).mode(GenerationMode.FLOW).build());
      assertThat(video.workflow()).isEqualTo("CONTINUOUS_FLOW");
      assertThat(video.duration().toMillis() / 1000.0).isBetween(3.0, 5.0);
      Mp4Oracle.assertPlayable(video.video(), video.duration().toMillis() / 1000.0, 0.25);
    }
  }

  @Test
  void aRenderWithFrameReviewWaitsForApprovalAndThenFinishes() {
    try (VideoCreationGateway g = offline().build()) {
      GatewayResponse first = g.process(GatewayRequest.builder()
          .input(GatewayInput.builder().prompt("a fox in a snowy forest").durationSeconds(4).build())
          .options(GatewayOptions.builder().render(true).reviewFrames(true).quality(Quality.DRAFT).build()).build());
      assertThat(first).isInstanceOf(GatewayResponse.ClarificationNeeded.class);
      GatewayResponse.ClarificationNeeded q = (GatewayResponse.ClarificationNeeded) first;
      assertThat(q.isFrameReview()).isTrue();
      assertThat(q.attributes()).containsKey("costToAnimate");
      assertThat(q.attributes()).hasKeySatisfying(new org.assertj.core.api.Condition<>(k -> k.startsWith("frame-"),
          "a frame"));
      GatewayResponse second = g.continueWorkflow(q.workflowId(), Map.of(VideoCreationGateway.APPROVE, "yes"));
      assertThat(second).isInstanceOf(GatewayResponse.Completed.class);
      Path video = ((GatewayResponse.Completed) second).video().orElseThrow().video();
      assertThat(video).exists();
      assertThat(((GatewayResponse.Completed) second).direction()).isPresent();
    }
  }

  @Test
  void aProjectGoesFromConceptToApprovedStillsToVideo() {
    try (VideoCreationGateway g = offline().storeDirectory(dir.resolve("store")).build()) {
      Project p = g.projects().create(NewProject.builder().concept("a blacksmith forging a golden emblem")
          .targetDuration(4).quality(Quality.DRAFT).reviewFrames(true).build());
      g.projects().direct(p.id());
      g.projects().refine(p.id(), "more sparks");
      g.projects().approve(p.id());
      assertThat(g.projects().generate(p.id()).await()).isInstanceOf(GatewayResponse.ClarificationNeeded.class);
      Project waiting = g.projects().get(p.id());
      assertThat(waiting.status()).isEqualTo(ProjectStatus.AWAITING_APPROVAL);
      assertThat(waiting.review().orElseThrow().frames()).isNotEmpty()
          .allSatisfy(f -> assertThat(((MediaRef.File) f).path()).exists().isRegularFile());
      assertThat(g.projects().approveFrames(p.id()).await()).isInstanceOf(GatewayResponse.Completed.class);
      Project done = g.projects().get(p.id());
      assertThat(done.status()).isEqualTo(ProjectStatus.COMPLETED);
      Path video = done.video().orElseThrow().video();
      Mp4Oracle.assertPlayable(video, done.video().get().duration().toMillis() / 1000.0, 0.25);
    }
  }

  @Test
  void aBudgetTooSmallForAPricedProviderStopsBeforeAnyClipAndWritesNothing() throws Exception {
    PriceBook priced = PriceBook.builder().price("local", "motion-v1", Price.perVideoSecond("0.05")).build();
    try (VideoCreationGateway g = offline().priceBook(priced).build()) {
      Path out = dir.resolve("never.mp4");
      assertThatThrownBy(() -> g.createVideoAndWait("a storm over the sea", VideoOptions.builder().seconds(4)
          .quality(Quality.DRAFT).maxCost(Money.usd("0.000001")).output(out).build()))
          .isInstanceOf(BudgetExceededException.class).hasMessageContaining("Budget exceeded");
      assertThat(out).doesNotExist();
      Path clips = dir.resolve("clips");
      if (Files.exists(clips)) {
        try (var files = Files.list(clips)) {
          assertThat(files.filter(f -> f.toString().endsWith(".mp4")).count()).as("no clip was rendered").isZero();
        }
      }
    }
  }

  static List<WorkflowEvent> collect(WorkflowHandle h) throws InterruptedException {
    List<WorkflowEvent> events = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    h.events().subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(WorkflowEvent item) {
        events.add(item);
      }

      @Override
      public void onError(Throwable t) {
        done.countDown();
      }

      @Override
      public void onComplete() {
        done.countDown();
      }
    });
    assertThat(done.await(120, TimeUnit.SECONDS)).as("events completed").isTrue();
    return List.copyOf(events);
  }
}
