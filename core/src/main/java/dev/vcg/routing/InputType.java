package dev.vcg.routing;

/** The kinds of input a request carries. */
public enum InputType {
  /** A prompt. */
  TEXT,
  /** A website URL. */
  URL,
  /** User files (logo, images, clips). */
  ASSETS,
  /** A reference video file or an earlier plan used as a template. */
  REFERENCE_VIDEO,
  /** A stated goal (awareness, signups, …). */
  GOAL
}
