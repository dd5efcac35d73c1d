package dev.vcg.routing;

/** The way of thinking a plan needs, chosen from the inputs (first match wins, in this order). */
public enum ThinkingPattern {
  /** Follow the structure of a reference video or template plan. */
  TEMPLATE,
  /** Combine a website, files and text into one brand-consistent plan. */
  MULTIMODAL,
  /** Build the video around the user's files. */
  ASSET_CENTRIC,
  /** Draw brand and content from a website. */
  EXTRACTIVE,
  /** Work backwards from a goal (conversion, awareness, a pitch). */
  STRATEGIC,
  /** Turn an idea into images and story. */
  CONCEPTUAL
}
