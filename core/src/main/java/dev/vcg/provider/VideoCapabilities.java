package dev.vcg.provider;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a video model can do, declared by the provider (never discovered by failing calls).
 * {@link #check} refuses a request the model cannot serve before anything is paid.
 *
 * <p>Immutable and thread-safe.
 */
public final class VideoCapabilities {
  private final boolean endFrame;
  private final SortedSet<Integer> durationsSeconds;
  private final Set<AspectRatio> aspectRatios;
  private final boolean aspectFollowsImage;
  private final int maxPromptLength;
  private final boolean seed;

  private VideoCapabilities(Builder b) {
    this.endFrame = b.endFrame;
    this.durationsSeconds = Collections.unmodifiableSortedSet(new TreeSet<>(b.durations));
    this.aspectRatios = Collections.unmodifiableSet(new LinkedHashSet<>(b.aspectRatios));
    this.aspectFollowsImage = b.aspectFollowsImage;
    this.maxPromptLength = b.maxPromptLength;
    this.seed = b.seed;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return whether the model accepts an end frame (last frame) */
  public boolean supportsEndFrame() {
    return endFrame;
  }

  /** @return the clip lengths the model accepts, in whole seconds, ascending */
  public SortedSet<Integer> durationsSeconds() {
    return durationsSeconds;
  }

  /**
   * @return the aspect ratios the model accepts; when {@link #aspectFollowsImage()} any ratio is
   *     accepted because the output follows the start frame
   */
  public Set<AspectRatio> aspectRatios() {
    return aspectRatios;
  }

  /** @return whether the output takes the aspect ratio of the start frame */
  public boolean aspectFollowsImage() {
    return aspectFollowsImage;
  }

  /** @return the longest motion prompt accepted, in characters */
  public int maxPromptLength() {
    return maxPromptLength;
  }

  /** @return whether a seed can be passed */
  public boolean supportsSeed() {
    return seed;
  }

  /**
   * The allowed duration nearest to the wanted one (ties go to the longer).
   *
   * @param seconds the wanted length
   * @return an allowed length in seconds
   */
  public int nearestDuration(double seconds) {
    int best = durationsSeconds.first();
    for (int d : durationsSeconds) {
      if (Math.abs(d - seconds) <= Math.abs(best - seconds)) {
        best = d;
      }
    }
    return best;
  }

  /**
   * Refuses a request this model cannot serve.
   *
   * @param providerId for the error
   * @param model for the error
   * @param request the request
   * @throws UnsupportedCapabilityException naming what is unsupported and what is allowed
   */
  public void check(String providerId, String model, VideoRequest request) {
    if (request.endFrame().isPresent() && !endFrame) {
      throw new UnsupportedCapabilityException(providerId, "model " + model
          + " does not take an end frame; send the start frame only or choose a model with end-frame support");
    }
    if (!durationsSeconds.contains(request.durationSeconds())) {
      throw new UnsupportedCapabilityException(providerId, "model " + model + " does not make "
          + request.durationSeconds() + " s clips; allowed: " + durationsSeconds + " s");
    }
    if (!aspectFollowsImage && request.aspectRatio().isPresent()
        && !aspectRatios.contains(request.aspectRatio().get())) {
      throw new UnsupportedCapabilityException(providerId, "model " + model + " does not support aspect ratio "
          + request.aspectRatio().get() + "; allowed: " + aspectRatios);
    }
    if (request.prompt().length() > maxPromptLength) {
      throw new UnsupportedCapabilityException(providerId, "motion prompt is " + request.prompt().length()
          + " characters; model " + model + " takes at most " + maxPromptLength);
    }
  }

  @Override
  public String toString() {
    return "VideoCapabilities[endFrame=" + endFrame + ", durations=" + durationsSeconds
        + ", aspectRatios=" + (aspectFollowsImage ? "follows image" : aspectRatios.toString()) + "]";
  }

  /** Builds {@link VideoCapabilities}. */
  public static final class Builder {
    private boolean endFrame;
    private final Set<Integer> durations = new TreeSet<>();
    private final Set<AspectRatio> aspectRatios = new LinkedHashSet<>();
    private boolean aspectFollowsImage;
    private int maxPromptLength = 2500;
    private boolean seed;

    private Builder() {
    }

    /**
     * @param supported whether an end frame is accepted
     * @return this builder
     */
    public Builder endFrame(boolean supported) {
      this.endFrame = supported;
      return this;
    }

    /**
     * @param seconds allowed clip lengths in whole seconds
     * @return this builder
     */
    public Builder durations(int... seconds) {
      for (int s : seconds) {
        if (s <= 0) {
          throw new IllegalArgumentException("durations must be positive: " + s);
        }
        durations.add(s);
      }
      return this;
    }

    /**
     * @param ratios allowed aspect ratios
     * @return this builder
     */
    public Builder aspectRatios(AspectRatio... ratios) {
      for (AspectRatio r : ratios) {
        aspectRatios.add(Objects.requireNonNull(r, "ratio"));
      }
      return this;
    }

    /**
     * @param follows whether the output follows the start frame's ratio
     * @return this builder
     */
    public Builder aspectFollowsImage(boolean follows) {
      this.aspectFollowsImage = follows;
      return this;
    }

    /**
     * @param chars longest motion prompt
     * @return this builder
     */
    public Builder maxPromptLength(int chars) {
      if (chars <= 0) {
        throw new IllegalArgumentException("maxPromptLength must be positive");
      }
      this.maxPromptLength = chars;
      return this;
    }

    /**
     * @param supported whether a seed can be passed
     * @return this builder
     */
    public Builder seed(boolean supported) {
      this.seed = supported;
      return this;
    }

    /**
     * @return the capabilities
     * @throws IllegalStateException if no duration, or neither ratios nor follows-image, is declared
     */
    public VideoCapabilities build() {
      if (durations.isEmpty()) {
        throw new IllegalStateException("durations: declare at least one allowed clip length");
      }
      if (aspectRatios.isEmpty() && !aspectFollowsImage) {
        throw new IllegalStateException("aspectRatios: declare ratios or aspectFollowsImage(true)");
      }
      return new VideoCapabilities(this);
    }
  }
}
