package dev.vcg.routing;

/**
 * The built-in workflows. The first seven produce a plan; the last two produce video.
 */
public enum WorkflowType {
  /** A vague request: ask clarifying questions, then route the enriched request. */
  INTERACTIVE,
  /** A website and files: scrape and analyse in parallel, synthesise the brand, plan. */
  MULTIMODAL_WEB_ASSETS,
  /** A website: scrape, synthesise the brand, plan. */
  WEB_EXTRACTION,
  /** A reference video or template plan: analyse its structure and follow it. */
  TEMPLATE_BASED,
  /** Files only: analyse them and build the video around them. */
  ASSET_CENTRIC,
  /** A high-complexity text request: goal analysis and strategic structure first. */
  COMPLEX_STRATEGIC,
  /** A plain prompt: analyse the text, plan, validate. */
  SIMPLE_TEXT,
  /** Generate frames and clips for every shot of a plan and stitch them. */
  DIRECTED_GENERATION,
  /** Chain frames and clips segment by segment for one continuous video. */
  CONTINUOUS_FLOW;

  /** @return whether this workflow produces a plan rather than video */
  public boolean isPlanning() {
    return this != DIRECTED_GENERATION && this != CONTINUOUS_FLOW;
  }
}
