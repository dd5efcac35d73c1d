package dev.vcg.projects;

/** Where a project stands in its lifecycle. */
public enum ProjectStatus {
  /** Created; no plan yet: {@link Projects#direct} makes one. */
  CREATED,
  /** A plan exists; refine it or approve it. */
  DIRECTED,
  /** The plan is approved and locked; {@link Projects#generate} makes the video. */
  APPROVED,
  /** The video is being made. */
  GENERATING,
  /**
   * The keyframe stills are ready and nothing has been paid for clips yet: look at them and at
   * the cost to animate, then {@link Projects#approveFrames}.
   */
  AWAITING_APPROVAL,
  /** The video is ready. */
  COMPLETED,
  /**
   * Making the video failed, was cancelled or was interrupted; {@link Projects#generate}
   * continues it without paying again for what is done.
   */
  FAILED
}
