package dev.vcg.projects;

import dev.vcg.Quality;
import dev.vcg.cost.Money;
import dev.vcg.direction.DirectorInput;
import dev.vcg.direction.VideoStyle;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a project is created with: a name, the concept, style, length and aspect ratio, its own
 * providers (bring your own key), how much it may cost, and how generation is gated.
 *
 * <pre>{@code
 * NewProject spec = NewProject.builder()
 *     .name("Hamza Labs Reveal")
 *     .concept("Epic blacksmith forge video revealing the emblem with fire and molten gold")
 *     .style(VideoStyle.CINEMATIC).targetDuration(60).aspectRatio(AspectRatio.LANDSCAPE_16_9)
 *     .provider(ProviderKind.LLM, ProviderConfig.builder("openrouter").apiKey(ApiKey.of(key))
 *         .model("anthropic/claude-3.5-sonnet").build())
 *     .reviewFrames(true)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. Its {@link #toString()} never shows a key.
 */
public final class NewProject {
  /** The longest name, in characters. */
  public static final int MAX_NAME_LENGTH = 200;

  private final String name;
  private final String concept;
  private final VideoStyle style;
  private final double targetDuration;
  private final AspectRatio aspectRatio;
  private final Quality quality;
  private final Map<ProviderKind, ProviderConfig> providers;
  private final Money maxCost;
  private final boolean autoApprove;
  private final boolean reviewFrames;

  private NewProject(Builder b) {
    this.name = b.name;
    this.concept = b.concept;
    this.style = b.style;
    this.targetDuration = b.targetDuration;
    this.aspectRatio = b.aspectRatio;
    this.quality = b.quality;
    this.providers = Collections.unmodifiableMap(new EnumMap<>(b.providers));
    this.maxCost = b.maxCost;
    this.autoApprove = b.autoApprove;
    this.reviewFrames = b.reviewFrames;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the project's name (default: the start of the concept) */
  public String name() {
    return name;
  }

  /** @return what the video is about */
  public String concept() {
    return concept;
  }

  /** @return the visual style, if chosen */
  public Optional<VideoStyle> style() {
    return Optional.ofNullable(style);
  }

  /** @return the wanted length in seconds (default 30) */
  public double targetDuration() {
    return targetDuration;
  }

  /** @return the aspect ratio (default 16:9) */
  public AspectRatio aspectRatio() {
    return aspectRatio;
  }

  /** @return the quality (frame size) the video is made at (default standard) */
  public Quality quality() {
    return quality;
  }

  /** @return the project's own providers by kind; kinds not given use the gateway's */
  public Map<ProviderKind, ProviderConfig> providers() {
    return providers;
  }

  /** @return the most the project may spend, planning and generation together, if capped */
  public Optional<Money> maxCost() {
    return Optional.ofNullable(maxCost);
  }

  /** @return whether generating may start without an explicit approval (the latest plan is approved then) */
  public boolean autoApprove() {
    return autoApprove;
  }

  /**
   * @return whether generation stops once the keyframe stills exist, with the cost to animate
   *     them, until {@link Projects#approveFrames}
   */
  public boolean reviewFrames() {
    return reviewFrames;
  }

  @Override
  public String toString() {
    return "NewProject[" + name + ", " + targetDuration + " s, " + aspectRatio + ", providers=" + providers.values()
        + (maxCost == null ? "" : ", maxCost=" + maxCost) + (autoApprove ? ", auto-approve" : "")
        + (reviewFrames ? ", review frames" : "") + "]";
  }

  /** Builds a {@link NewProject}. Not thread-safe. */
  public static final class Builder {
    private String name;
    private String concept;
    private VideoStyle style;
    private double targetDuration = 30;
    private AspectRatio aspectRatio = AspectRatio.LANDSCAPE_16_9;
    private Quality quality = Quality.STANDARD;
    private final Map<ProviderKind, ProviderConfig> providers = new EnumMap<>(ProviderKind.class);
    private Money maxCost;
    private boolean autoApprove;
    private boolean reviewFrames;

    private Builder() {
    }

    /**
     * @param name the project's name
     * @return this builder
     * @throws IllegalArgumentException if blank or longer than {@value #MAX_NAME_LENGTH} characters
     */
    public Builder name(String name) {
      String n = Objects.requireNonNull(name, "name").strip();
      if (n.isEmpty() || n.length() > MAX_NAME_LENGTH) {
        throw new IllegalArgumentException("name must be 1-" + MAX_NAME_LENGTH + " characters");
      }
      this.name = n;
      return this;
    }

    /**
     * @param concept what the video is about (required)
     * @return this builder
     * @throws IllegalArgumentException if blank or longer than {@link DirectorInput#MAX_CONCEPT_LENGTH}
     */
    public Builder concept(String concept) {
      String c = Objects.requireNonNull(concept, "concept").strip();
      if (c.isEmpty() || c.length() > DirectorInput.MAX_CONCEPT_LENGTH) {
        throw new IllegalArgumentException("concept must be 1-" + DirectorInput.MAX_CONCEPT_LENGTH + " characters");
      }
      this.concept = c;
      return this;
    }

    /**
     * @param style the visual style, or null to let the director choose
     * @return this builder
     */
    public Builder style(VideoStyle style) {
      this.style = style;
      return this;
    }

    /**
     * @param seconds the wanted length, above 0 and at most {@link DirectorInput#MAX_TARGET_DURATION}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder targetDuration(double seconds) {
      if (!(seconds > 0) || seconds > DirectorInput.MAX_TARGET_DURATION) {
        throw new IllegalArgumentException("targetDuration must be above 0 and at most "
            + DirectorInput.MAX_TARGET_DURATION + " seconds: " + seconds);
      }
      this.targetDuration = seconds;
      return this;
    }

    /**
     * @param ratio the aspect ratio
     * @return this builder
     */
    public Builder aspectRatio(AspectRatio ratio) {
      this.aspectRatio = Objects.requireNonNull(ratio, "aspectRatio");
      return this;
    }

    /**
     * @param quality the quality the video is made at
     * @return this builder
     */
    public Builder quality(Quality quality) {
      this.quality = Objects.requireNonNull(quality, "quality");
      return this;
    }

    /**
     * Sets the project's own provider for a kind of work (bring your own key). The config's
     * provider id chooses the provider; its key, base URL and model win over the environment.
     * The key is kept in memory only, never saved.
     *
     * @param kind what the provider does for this project
     * @param config the provider's id, key, model and base URL
     * @return this builder
     */
    public Builder provider(ProviderKind kind, ProviderConfig config) {
      providers.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(config, "config"));
      return this;
    }

    /**
     * @param maxCost the most the project may spend, or null for no cap beyond the gateway's
     * @return this builder
     */
    public Builder maxCost(Money maxCost) {
      this.maxCost = maxCost;
      return this;
    }

    /**
     * @param autoApprove whether {@link Projects#generate} may approve the latest plan itself
     * @return this builder
     */
    public Builder autoApprove(boolean autoApprove) {
      this.autoApprove = autoApprove;
      return this;
    }

    /**
     * @param review whether to stop with the keyframe stills and the cost to animate them before
     *     paying for clips
     * @return this builder
     */
    public Builder reviewFrames(boolean review) {
      this.reviewFrames = review;
      return this;
    }

    /**
     * @return the spec
     * @throws IllegalStateException if the concept is missing
     */
    public NewProject build() {
      if (concept == null) {
        throw new IllegalStateException("concept is required");
      }
      if (name == null) {
        name = concept.length() <= 60 ? concept : concept.substring(0, 57).strip() + "...";
      }
      return new NewProject(this);
    }
  }
}
