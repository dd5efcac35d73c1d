package dev.vcg.workflows.generation;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vcg.provider.VideoResult;
import dev.vcg.workflow.Key;
import dev.vcg.workflows.generation.Values.ClipAsset;
import dev.vcg.workflows.generation.Values.DirectedPlan;
import dev.vcg.workflows.generation.Values.FlowPlan;
import dev.vcg.workflows.generation.Values.FrameAsset;
import dev.vcg.workflows.generation.Values.Refusal;
import dev.vcg.workflows.generation.Values.ResultData;
import dev.vcg.workflows.generation.Values.Stitched;
import java.nio.file.Path;
import java.util.List;

/** Step names and keys of the generation workflows; the names appear in events and checkpoints. */
final class Keys {
  static final String GENERATE = "generate";
  static final String CHILD = GENERATE + "/";

  static final Key<DirectedPlan> DIRECTED_PLAN = Key.of("plan", DirectedPlan.class);
  static final Key<FlowPlan> FLOW_PLAN = Key.of("plan", FlowPlan.class);
  static final Key<List<SegmentAssets>> SEGMENTS = Key.of(GENERATE, new TypeReference<List<SegmentAssets>>() { });
  static final Key<List<SegmentAssets>> COLLECT = Key.of("collect", new TypeReference<List<SegmentAssets>>() { });
  static final Key<Stitched> STITCH = Key.of("stitch", Stitched.class);
  static final Key<Path> THUMBNAIL = Key.of("thumbnail", Path.class);
  static final Key<ResultData> RESULT = Key.of("result", ResultData.class);
  /** Top-level: the paid call the budget refused. */
  static final Key<Refusal> REFUSED = Key.of("budget-refused", Refusal.class);
  static final Key<String> REVIEW = Key.of("review", String.class);

  private Keys() {
  }

  static Key<FrameAsset> frame(int i) {
    return Key.of("frame-" + i, FrameAsset.class);
  }

  static Key<Values.ClipDone> clip(int i) {
    return Key.of("clip-" + i, Values.ClipDone.class);
  }

  static Key<ClipAsset> save(int i) {
    return Key.of("save-" + i, ClipAsset.class);
  }

  /** Flow, last-frame mode: the predicted target of segment i (its description, and a frame if used). */
  static Key<FrameAsset> target(int i) {
    return Key.of("target-" + i, FrameAsset.class);
  }

  /** Flow, last-frame mode: the last frame of clip i, the start of segment i + 1. */
  static Key<FrameAsset> last(int i) {
    return Key.of("last-" + i, FrameAsset.class);
  }
}
