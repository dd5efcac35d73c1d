package dev.vcg.routing;

/** Facts a good plan needs that the request does not give. */
public enum MissingInfo {
  /** What industry or niche the video is for. */
  INDUSTRY,
  /** Who will watch it. */
  AUDIENCE,
  /** How long it should be. */
  DURATION,
  /** What it should look and feel like. */
  STYLE,
  /** Logos, images or clips to include. */
  ASSETS
}
