package dev.vcg.provider;

/**
 * Tokens a chat call used.
 *
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 */
public record TokenUsage(long inputTokens, long outputTokens) {
  /** No usage. */
  public static final TokenUsage NONE = new TokenUsage(0, 0);

  /** Validates. */
  public TokenUsage {
    if (inputTokens < 0 || outputTokens < 0) {
      throw new IllegalArgumentException("token counts cannot be negative");
    }
  }

  /** @return input plus output */
  public long totalTokens() {
    return inputTokens + outputTokens;
  }
}
