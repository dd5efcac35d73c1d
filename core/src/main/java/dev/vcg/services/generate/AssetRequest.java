package dev.vcg.services.generate;

import dev.vcg.provider.AspectRatio;
import dev.vcg.services.gaps.AssetGap;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to generate: the gaps to fill, for which run, in which shape and size, how many at most,
 * and with which seed.
 *
 * <pre>{@code
 * AssetRequest r = AssetRequest.builder().runId(ctx.runId()).gaps(report.gaps())
 *     .aspectRatio(AspectRatio.LANDSCAPE_16_9).longSide(1024).maxAssets(2).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AssetRequest {
  private final String runId;
  private final List<AssetGap> gaps;
  private final AspectRatio aspectRatio;
  private final int longSide;
  private final int maxAssets;
  private final Long seed;

  private AssetRequest(Builder b) {
    this.runId = b.runId;
    this.gaps = List.copyOf(b.gaps);
    this.aspectRatio = b.aspectRatio;
    this.longSide = b.longSide;
    this.maxAssets = b.maxAssets;
    this.seed = b.seed;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the run the assets belong to (their folder in the asset store) */
  public String runId() {
    return runId;
  }

  /** @return the gaps, most important first */
  public List<AssetGap> gaps() {
    return gaps;
  }

  /** @return the shape of backgrounds and product shots (logos and end cards follow it too) */
  public AspectRatio aspectRatio() {
    return aspectRatio;
  }

  /** @return the wanted long side in pixels (moved to a size the model makes) */
  public int longSide() {
    return longSide;
  }

  /** @return the most images to make; gaps beyond it are left with a warning */
  public int maxAssets() {
    return maxAssets;
  }

  /** @return the seed, if fixed */
  public Optional<Long> seed() {
    return Optional.ofNullable(seed);
  }

  /** Builds an {@link AssetRequest}. Not thread-safe. */
  public static final class Builder {
    private String runId;
    private final List<AssetGap> gaps = new ArrayList<>();
    private AspectRatio aspectRatio = AspectRatio.LANDSCAPE_16_9;
    private int longSide = 1024;
    private int maxAssets = 4;
    private Long seed;

    private Builder() {
    }

    /**
     * @param runId the run (required)
     * @return this builder
     */
    public Builder runId(String runId) {
      this.runId = Objects.requireNonNull(runId, "runId");
      return this;
    }

    /**
     * @param gaps the gaps to fill (replaces any given before)
     * @return this builder
     */
    public Builder gaps(List<AssetGap> gaps) {
      Objects.requireNonNull(gaps, "gaps");
      List<AssetGap> copy = new ArrayList<>();
      gaps.forEach(g -> copy.add(Objects.requireNonNull(g, "gap")));
      this.gaps.clear();
      this.gaps.addAll(copy);
      return this;
    }

    /**
     * @param ratio the shape (default 16:9)
     * @return this builder
     */
    public Builder aspectRatio(AspectRatio ratio) {
      this.aspectRatio = Objects.requireNonNull(ratio, "ratio");
      return this;
    }

    /**
     * @param pixels the long side, 64 to 4096 (default 1024)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder longSide(int pixels) {
      if (pixels < 64 || pixels > 4096) {
        throw new IllegalArgumentException("longSide must be within 64..4096: " + pixels);
      }
      this.longSide = pixels;
      return this;
    }

    /**
     * @param max the most images to make, 0 to 16 (default 4)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxAssets(int max) {
      if (max < 0 || max > 16) {
        throw new IllegalArgumentException("maxAssets must be within 0..16: " + max);
      }
      this.maxAssets = max;
      return this;
    }

    /**
     * @param seed the seed, or null to let the provider choose
     * @return this builder
     */
    public Builder seed(Long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * @return the request
     * @throws IllegalStateException if the run id is missing
     */
    public AssetRequest build() {
      if (runId == null) {
        throw new IllegalStateException("runId is required");
      }
      return new AssetRequest(this);
    }
  }
}
