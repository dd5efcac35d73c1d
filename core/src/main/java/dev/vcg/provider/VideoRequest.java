package dev.vcg.provider;

import dev.vcg.direction.CameraMove;
import dev.vcg.media.MediaRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One image-to-video generation: a start frame, an optional end frame, a motion prompt, a camera
 * move, a duration and an aspect ratio. Immutable.
 *
 * <pre>{@code
 * VideoRequest r = VideoRequest.builder()
 *     .startFrame(MediaRef.file(Path.of("f0.png")))
 *     .endFrame(MediaRef.file(Path.of("f1.png")))
 *     .prompt("the camera pushes in on the glowing anvil")
 *     .cameraMove(CameraMove.PUSH_IN)
 *     .durationSeconds(5)
 *     .build();
 * }</pre>
 */
public final class VideoRequest {
  private final MediaRef startFrame;
  private final MediaRef endFrame;
  private final String prompt;
  private final String negativePrompt;
  private final CameraMove cameraMove;
  private final int durationSeconds;
  private final AspectRatio aspectRatio;
  private final Long seed;
  private final String model;
  private final Map<String, Object> extraParameters;

  private VideoRequest(Builder b) {
    this.startFrame = b.startFrame;
    this.endFrame = b.endFrame;
    this.prompt = b.prompt;
    this.negativePrompt = b.negativePrompt;
    this.cameraMove = b.cameraMove;
    this.durationSeconds = b.durationSeconds;
    this.aspectRatio = b.aspectRatio;
    this.seed = b.seed;
    this.model = b.model;
    this.extraParameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.extra));
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the first frame */
  public MediaRef startFrame() {
    return startFrame;
  }

  /** @return the last frame, if the clip should end on one */
  public Optional<MediaRef> endFrame() {
    return Optional.ofNullable(endFrame);
  }

  /** @return the motion prompt */
  public String prompt() {
    return prompt;
  }

  /** @return what to avoid, if given */
  public Optional<String> negativePrompt() {
    return Optional.ofNullable(negativePrompt);
  }

  /** @return the camera move, if given */
  public Optional<CameraMove> cameraMove() {
    return Optional.ofNullable(cameraMove);
  }

  /** @return the clip length in whole seconds */
  public int durationSeconds() {
    return durationSeconds;
  }

  /** @return the aspect ratio, if given */
  public Optional<AspectRatio> aspectRatio() {
    return Optional.ofNullable(aspectRatio);
  }

  /** @return the seed, if given */
  public Optional<Long> seed() {
    return Optional.ofNullable(seed);
  }

  /** @return a model id overriding the provider's configured one, if given */
  public Optional<String> model() {
    return Optional.ofNullable(model);
  }

  /** @return provider-specific fields sent as they are (an escape hatch) */
  public Map<String, Object> extraParameters() {
    return extraParameters;
  }

  /** @return a builder with this request's values */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.startFrame = startFrame;
    b.endFrame = endFrame;
    b.prompt = prompt;
    b.negativePrompt = negativePrompt;
    b.cameraMove = cameraMove;
    b.durationSeconds = durationSeconds;
    b.aspectRatio = aspectRatio;
    b.seed = seed;
    b.model = model;
    b.extra.putAll(extraParameters);
    return b;
  }

  @Override
  public String toString() {
    return "VideoRequest[start=" + startFrame + ", end=" + endFrame + ", duration=" + durationSeconds
        + "s, aspect=" + aspectRatio + ", camera=" + cameraMove + ", prompt=" + abbreviate(prompt) + "]";
  }

  static String abbreviate(String s) {
    return s.length() <= 60 ? '"' + s + '"' : '"' + s.substring(0, 57) + "...\"";
  }

  /** Builds a {@link VideoRequest}. */
  public static final class Builder {
    private MediaRef startFrame;
    private MediaRef endFrame;
    private String prompt;
    private String negativePrompt;
    private CameraMove cameraMove;
    private int durationSeconds = 5;
    private AspectRatio aspectRatio;
    private Long seed;
    private String model;
    private final Map<String, Object> extra = new LinkedHashMap<>();

    private Builder() {
    }

    /**
     * @param frame the first frame (required)
     * @return this builder
     */
    public Builder startFrame(MediaRef frame) {
      this.startFrame = Objects.requireNonNull(frame, "startFrame");
      return this;
    }

    /**
     * @param frame the last frame, or null for none
     * @return this builder
     */
    public Builder endFrame(MediaRef frame) {
      this.endFrame = frame;
      return this;
    }

    /**
     * @param prompt the motion prompt (required, not blank)
     * @return this builder
     */
    public Builder prompt(String prompt) {
      Objects.requireNonNull(prompt, "prompt");
      if (prompt.isBlank()) {
        throw new IllegalArgumentException("prompt is blank");
      }
      this.prompt = prompt;
      return this;
    }

    /**
     * @param negativePrompt what to avoid, or null
     * @return this builder
     */
    public Builder negativePrompt(String negativePrompt) {
      this.negativePrompt = negativePrompt;
      return this;
    }

    /**
     * @param move the camera move, or null
     * @return this builder
     */
    public Builder cameraMove(CameraMove move) {
      this.cameraMove = move;
      return this;
    }

    /**
     * @param seconds clip length, 1 to 60
     * @return this builder
     */
    public Builder durationSeconds(int seconds) {
      if (seconds < 1 || seconds > 60) {
        throw new IllegalArgumentException("durationSeconds must be within 1..60: " + seconds);
      }
      this.durationSeconds = seconds;
      return this;
    }

    /**
     * @param ratio the aspect ratio, or null to follow the start frame
     * @return this builder
     */
    public Builder aspectRatio(AspectRatio ratio) {
      this.aspectRatio = ratio;
      return this;
    }

    /**
     * @param seed a seed, or null
     * @return this builder
     */
    public Builder seed(Long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * @param model a model id overriding the configured one, or null
     * @return this builder
     */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /**
     * @param name a provider-specific field
     * @param value its JSON-compatible value
     * @return this builder
     */
    public Builder extraParameter(String name, Object value) {
      extra.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * @return the request
     * @throws IllegalStateException if the start frame or prompt is missing
     */
    public VideoRequest build() {
      if (startFrame == null) {
        throw new IllegalStateException("startFrame is required");
      }
      if (prompt == null) {
        throw new IllegalStateException("prompt is required");
      }
      return new VideoRequest(this);
    }
  }
}
