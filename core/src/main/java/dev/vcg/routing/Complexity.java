package dev.vcg.routing;

/**
 * How involved a request is, by {@link InputAnalyzer}'s stated rules: a point for every input
 * kind beyond the prompt, for a long prompt (25+ words) and a very long one (60+), for strategic
 * vocabulary, and for a long video (90 s or more). {@link #LOW} 0–1 points, {@link #MEDIUM} 2–3,
 * {@link #HIGH} 4 or more.
 */
public enum Complexity {
  /** 0–1 points. */
  LOW,
  /** 2–3 points. */
  MEDIUM,
  /** 4 or more points. */
  HIGH;

  /**
   * @param points the score
   * @return the level
   */
  public static Complexity ofPoints(int points) {
    return points >= 4 ? HIGH : points >= 2 ? MEDIUM : LOW;
  }
}
