package dev.vcg.workflows.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.direction.CameraMove;
import dev.vcg.direction.DirectedScene;
import dev.vcg.direction.DirectedShot;
import dev.vcg.direction.TransitionType;
import dev.vcg.direction.VideoDirection;
import dev.vcg.media.LocalAssetStore;
import dev.vcg.workflow.PollPolicy;
import dev.vcg.workflow.RunOptions;
import dev.vcg.workflow.RunOutcome;
import dev.vcg.workflow.WorkflowEngine;
import dev.vcg.workflow.WorkflowEvent;
import dev.vcg.workflow.WorkflowListener;
import dev.vcg.workflow.WorkflowRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Real engine, fake providers, a recording stitcher and a temporary asset directory. */
abstract class GenerationTestSupport {
  /** Polls at once and then every few milliseconds, so fake jobs finish without waiting. */
  static final PollPolicy FAST_POLLS = PollPolicy.builder().initialDelay(Duration.ZERO)
      .maxInterval(Duration.ofMillis(5)).jitter(0).hintBounds(Duration.ofMillis(1), Duration.ofMillis(5)).build();

  @TempDir
  Path tmp;
  TestImages images;
  TestVideos videos;
  RecordingStitcher stitcher;
  TestFrames frames;
  LocalAssetStore store;
  final List<WorkflowEngine> engines = new ArrayList<>();

  @BeforeEach
  void setUpProviders() {
    images = new TestImages();
    videos = new TestVideos(tmp.resolve("provider"));
    stitcher = new RecordingStitcher();
    frames = new TestFrames();
    store = LocalAssetStore.create(tmp.resolve("assets"));
  }

  @AfterEach
  void closeEngines() {
    engines.forEach(WorkflowEngine::close);
  }

  WorkflowEngine engine() {
    WorkflowEngine e = WorkflowEngine.builder().build();
    engines.add(e);
    return e;
  }

  DirectedGeneration.Builder directed() {
    return DirectedGeneration.builder().imageProvider(images).videoProvider(videos).stitcher(stitcher)
        .frameExtractor(frames).assetStore(store).pollPolicy(FAST_POLLS);
  }

  static RunOutcome await(WorkflowRun run) throws Exception {
    return run.result().get(30, TimeUnit.SECONDS);
  }

  static DirectedShot shot(int id, double seconds, TransitionType out) {
    return DirectedShot.builder().id(id).duration(seconds)
        .startPrompt("shot " + id + " opening: a forge at night")
        .endPrompt("shot " + id + " closing: sparks rise")
        .motionPrompt("shot " + id + " motion: the hammer falls")
        .cameraMove(CameraMove.PUSH_IN).lighting("warm firelight").colorPalette("amber and black")
        .transitionOut(out).build();
  }

  static VideoDirection plan(DirectedShot... shots) {
    double total = 0;
    for (DirectedShot s : shots) {
      total += s.duration();
    }
    return new VideoDirection("The Forge", "a blacksmith at work", total,
        List.of(new DirectedScene(1, "forge", "the forge", "intense", List.of(shots))), null);
  }

  /** Collects a run's events until its terminal event. */
  static final class Events implements WorkflowListener {
    final List<WorkflowEvent> all = new CopyOnWriteArrayList<>();
    final CountDownLatch done = new CountDownLatch(1);

    @Override
    public void onEvent(WorkflowEvent event) {
      all.add(event);
      if (event.isTerminal()) {
        done.countDown();
      }
    }

    RunOptions options() {
      return RunOptions.builder().listener(this).build();
    }

    List<WorkflowEvent> awaitAll() throws InterruptedException {
      assertThat(done.await(10, TimeUnit.SECONDS)).as("terminal event").isTrue();
      return List.copyOf(all);
    }

    <E extends WorkflowEvent> List<E> of(Class<E> type) throws InterruptedException {
      return awaitAll().stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    List<String> assetLabels() throws InterruptedException {
      return of(WorkflowEvent.AssetReady.class).stream().map(WorkflowEvent.AssetReady::label).toList();
    }

    List<String> steps(Predicate<String> filter) throws InterruptedException {
      return of(WorkflowEvent.StepCompleted.class).stream().map(WorkflowEvent.StepCompleted::step).filter(filter)
          .toList();
    }
  }
}
