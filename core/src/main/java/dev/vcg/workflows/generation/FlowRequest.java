package dev.vcg.workflows.generation;

import dev.vcg.cost.Money;
import dev.vcg.direction.VideoStyle;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.ImageSize;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link ContinuousFlow} run makes: a prompt and style, how many segments of what length,
 * how segments join ({@link FlowMode}), the frame shape, the seed, the budget and where the MP4
 * goes. Immutable and thread-safe.
 *
 * <pre>{@code
 * FlowRequest request = FlowRequest.builder()
 *     .prompt("a cat walking through a magical forest")
 *     .style(VideoStyle.CINEMATIC)
 *     .segments(6)
 *     .segmentSeconds(5)
 *     .build();
 * }</pre>
 */
public final class FlowRequest {
  /** The most segments one run may have. */
  public static final int MAX_SEGMENTS = 120;
  /** The longest prompt accepted, in characters. */
  public static final int MAX_PROMPT_LENGTH = 4_000;

  private final String prompt;
  private final VideoStyle style;
  private final int segments;
  private final double segmentSeconds;
  private final FlowMode mode;
  private final AspectRatio aspectRatio;
  private final ImageSize frameSize;
  private final Long seed;
  private final Money maxCost;
  private final Path output;
  private final String negativePrompt;

  private FlowRequest(Builder b) {
    this.prompt = b.prompt;
    this.style = b.style;
    this.segments = b.segments;
    this.segmentSeconds = b.segmentSeconds;
    this.mode = b.mode;
    this.aspectRatio = b.aspectRatio;
    this.frameSize = b.frameSize;
    this.seed = b.seed;
    this.maxCost = b.maxCost;
    this.output = b.output;
    this.negativePrompt = b.negativePrompt;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return what the video shows */
  public String prompt() {
    return prompt;
  }

  /** @return the visual style, if given */
  public Optional<VideoStyle> style() {
    return Optional.ofNullable(style);
  }

  /** @return how many segments (clips) to make */
  public int segments() {
    return segments;
  }

  /** @return the wanted length of each segment, snapped to the video model's allowed lengths */
  public double segmentSeconds() {
    return segmentSeconds;
  }

  /** @return how segments join (default {@link FlowMode#PREDICTED_FRAMES}) */
  public FlowMode mode() {
    return mode;
  }

  /** @return the frames' aspect ratio (default 16:9) */
  public AspectRatio aspectRatio() {
    return aspectRatio;
  }

  /** @return the wanted frame size, if given (else 1280 on the long side), moved to one the image model makes */
  public Optional<ImageSize> frameSize() {
    return Optional.ofNullable(frameSize);
  }

  /** @return the seed shared by every frame, if given; else one is drawn and kept */
  public Optional<Long> seed() {
    return Optional.ofNullable(seed);
  }

  /** @return the most the run may spend, if capped */
  public Optional<Money> maxCost() {
    return Optional.ofNullable(maxCost);
  }

  /** @return where the MP4 is written, if given; else into the run's asset directory */
  public Optional<Path> output() {
    return Optional.ofNullable(output);
  }

  /** @return what the frames should avoid, if given */
  public Optional<String> negativePrompt() {
    return Optional.ofNullable(negativePrompt);
  }

  /** @return a builder holding these values */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.prompt = prompt;
    b.style = style;
    b.segments = segments;
    b.segmentSeconds = segmentSeconds;
    b.mode = mode;
    b.aspectRatio = aspectRatio;
    b.frameSize = frameSize;
    b.seed = seed;
    b.maxCost = maxCost;
    b.output = output;
    b.negativePrompt = negativePrompt;
    return b;
  }

  @Override
  public String toString() {
    return "FlowRequest[" + segments + " x " + segmentSeconds + " s, " + mode + ", " + aspectRatio
        + (maxCost == null ? "" : ", maxCost=" + maxCost) + ", prompt="
        + (prompt.length() > 60 ? prompt.substring(0, 57) + "..." : prompt) + "]";
  }

  /** Builds a {@link FlowRequest}. Not thread-safe. */
  public static final class Builder {
    private String prompt;
    private VideoStyle style;
    private int segments = 3;
    private double segmentSeconds = 5;
    private FlowMode mode = FlowMode.PREDICTED_FRAMES;
    private AspectRatio aspectRatio = AspectRatio.LANDSCAPE_16_9;
    private ImageSize frameSize;
    private Long seed;
    private Money maxCost;
    private Path output;
    private String negativePrompt;

    private Builder() {
    }

    /**
     * @param prompt what the video shows (required, not blank, at most {@link #MAX_PROMPT_LENGTH})
     * @return this builder
     * @throws IllegalArgumentException if blank or too long
     */
    public Builder prompt(String prompt) {
      Objects.requireNonNull(prompt, "prompt");
      if (prompt.isBlank()) {
        throw new IllegalArgumentException("prompt is blank");
      }
      if (prompt.length() > MAX_PROMPT_LENGTH) {
        throw new IllegalArgumentException("prompt is " + prompt.length() + " characters; at most "
            + MAX_PROMPT_LENGTH + " are accepted");
      }
      this.prompt = prompt.strip();
      return this;
    }

    /**
     * @param style the visual style, or null
     * @return this builder
     */
    public Builder style(VideoStyle style) {
      this.style = style;
      return this;
    }

    /**
     * @param segments how many segments, 1 to {@link #MAX_SEGMENTS} (default 3)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder segments(int segments) {
      if (segments < 1 || segments > MAX_SEGMENTS) {
        throw new IllegalArgumentException("segments must be within 1.." + MAX_SEGMENTS + ": " + segments);
      }
      this.segments = segments;
      return this;
    }

    /**
     * @param seconds the wanted length of each segment, more than 0 and at most 60 (default 5)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder segmentSeconds(double seconds) {
      if (!(seconds > 0 && seconds <= 60)) {
        throw new IllegalArgumentException("segmentSeconds must be within (0, 60]: " + seconds);
      }
      this.segmentSeconds = seconds;
      return this;
    }

    /**
     * @param mode how segments join
     * @return this builder
     */
    public Builder mode(FlowMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * @param ratio the frames' aspect ratio
     * @return this builder
     */
    public Builder aspectRatio(AspectRatio ratio) {
      this.aspectRatio = Objects.requireNonNull(ratio, "aspectRatio");
      return this;
    }

    /**
     * @param size the wanted frame size, or null
     * @return this builder
     */
    public Builder frameSize(ImageSize size) {
      this.frameSize = size;
      return this;
    }

    /**
     * @param seed the seed, or null to draw one
     * @return this builder
     */
    public Builder seed(Long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * @param maxCost the most the run may spend, or null for no cap
     * @return this builder
     */
    public Builder maxCost(Money maxCost) {
      this.maxCost = maxCost;
      return this;
    }

    /**
     * @param output where the MP4 is written (its directory must exist), or null
     * @return this builder
     */
    public Builder output(Path output) {
      this.output = output;
      return this;
    }

    /**
     * @param negativePrompt what frames should avoid, or null
     * @return this builder
     */
    public Builder negativePrompt(String negativePrompt) {
      this.negativePrompt = negativePrompt == null || negativePrompt.isBlank() ? null : negativePrompt;
      return this;
    }

    /**
     * @return the request
     * @throws IllegalStateException if the prompt is missing
     */
    public FlowRequest build() {
      if (prompt == null) {
        throw new IllegalStateException("prompt is required");
      }
      return new FlowRequest(this);
    }
  }
}
