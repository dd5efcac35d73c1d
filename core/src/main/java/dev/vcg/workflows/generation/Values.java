package dev.vcg.workflows.generation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.vcg.cost.CostEntry;
import dev.vcg.cost.CostEstimate;
import dev.vcg.cost.Money;
import dev.vcg.direction.CameraMove;
import dev.vcg.direction.TransitionType;
import dev.vcg.direction.VideoDirection;
import dev.vcg.direction.VideoStyle;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoResult;
import java.nio.file.Path;
import java.util.List;

/**
 * The values generation runs keep in their context. All are checkpointed as JSON and read back
 * after a resume, so they are plain records of JSON-friendly types.
 */
final class Values {
  private Values() {
  }

  /** The input of a directed run (the budget travels in the run's ledger). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record DirectedInput(VideoDirection direction, AspectRatio aspectRatio, ImageSize frameSize, Long seed, Path output,
                       String negativePrompt, boolean reviewFrames, long transitionMillis) {
  }

  /**
   * The input of a flow run.
   *
   * @param previous segments of an earlier run to reuse (empty for a new video)
   * @param regenerate the segment to make again, or -1
   * @param regeneratePrompt a new motion prompt for that segment, or null
   * @param variation added to the seed of regenerated clips so they differ from the originals
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record FlowInput(String prompt, VideoStyle style, int segments, double segmentSeconds, FlowMode mode,
                   AspectRatio aspectRatio, ImageSize frameSize, Long seed, Path output, String negativePrompt,
                   List<SegmentAssets> previous, int regenerate, String regeneratePrompt, int variation) {
    FlowInput {
      previous = previous == null ? List.of() : List.copyOf(previous);
    }

    /** @return these settings with the seed and segment length used, without reuse instructions or output */
    FlowInput settings(long usedSeed, int usedSeconds) {
      return new FlowInput(prompt, style, segments, usedSeconds, mode, aspectRatio, frameSize, usedSeed, null,
          negativePrompt, List.of(), -1, null, variation);
    }
  }

  /** One frame to render. */
  record FramePlan(int index, String prompt) {
  }

  /** One clip to make: its length (snapped), prompt, frames and the transition after it. */
  record ShotPlan(int index, int shotId, int seconds, double wantedSeconds, String prompt, CameraMove cameraMove,
                  int startFrame, int endFrame, TransitionType transitionOut) {
  }

  /** What a directed run renders, decided before any paid call. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record DirectedPlan(String title, List<ShotPlan> shots, List<FramePlan> frames, ImageSize frameSize,
                      AspectRatio videoAspect, long seed, CostEstimate estimate, List<String> warnings) {
  }

  /** What a flow run renders, decided before any paid call. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record FlowPlan(int segments, int seconds, ImageSize frameSize, AspectRatio videoAspect, long seed,
                  boolean endFrames, boolean references, CostEstimate estimate, List<String> warnings) {
  }

  /**
   * A stored frame.
   *
   * @param media the file, or null when only the description was needed
   * @param prompt what the frame shows (the prompt it was rendered from)
   */
  record FrameAsset(int index, MediaRef media, String prompt) {
  }

  /** A submitted clip job, with the estimate reserved for it. */
  record ClipJob(VideoJob job, Money estimate, String hold) {
  }

  /**
   * A finished clip: the provider's result and the job that made it, so a download address that
   * has expired (providers sign them for a day or two) can be asked for again after a long pause.
   * Its JSON is the result's with the job added.
   *
   * @param video the clip, usually a signed URL
   * @param durationSeconds its length, 0 when unknown
   * @param cost what the provider reported, or null
   * @param job the job, or null in runs saved before it was kept
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ClipDone(MediaRef video, double durationSeconds, Money cost, VideoJob job) {
    static ClipDone of(VideoResult result, VideoJob job) {
      return new ClipDone(result.video(), result.durationSeconds(), result.cost(), job);
    }

    VideoResult result() {
      return new VideoResult(video, durationSeconds, cost);
    }
  }

  /** A stored clip. */
  record ClipAsset(int index, MediaRef media, double seconds) {
  }

  /** A paid call that the budget refused. */
  record Refusal(String what, Money attempted) {
  }

  /** The stitched video. */
  record Stitched(Path video, long durationMillis, int frames, List<String> warnings) {
  }

  /** The whole result, as stored in the run and serialised with {@link GenerationResult}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ResultData(String runId, String workflow, Path video, long durationMillis, Path thumbnail,
                    List<SegmentAssets> segments, List<CostEntry> costs, CostEstimate estimate, List<String> warnings,
                    VideoDirection direction, FlowInput flow) {
    ResultData {
      segments = segments == null ? List.of() : List.copyOf(segments);
      costs = costs == null ? List.of() : List.copyOf(costs);
      warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
  }
}
