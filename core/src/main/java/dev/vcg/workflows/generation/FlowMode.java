package dev.vcg.workflows.generation;

/** How a {@link ContinuousFlow} joins one segment to the next. */
public enum FlowMode {
  /**
   * Every frame is predicted from the one before it (a vision model describes the scene one
   * segment later and the image model renders it); clip {@code i} runs from frame {@code i} to
   * frame {@code i + 1}. Frames chain, clips run in parallel as soon as their two frames exist:
   * the run takes about {@code N × frame time + one clip time}.
   */
  PREDICTED_FRAMES,
  /**
   * Clip {@code i + 1} starts on the real last frame of clip {@code i}, taken from the video.
   * Stronger continuity, but segments run one after another.
   */
  LAST_FRAME
}
