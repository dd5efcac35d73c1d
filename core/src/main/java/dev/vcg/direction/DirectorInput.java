package dev.vcg.direction;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import dev.vcg.provider.AspectRatio;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the director plans from: the concept, style, target length and aspect ratio, limits,
 * and optional brand, goal and template context.
 *
 * <p>Immutable and thread-safe; reads and writes JSON (so a project can keep it).
 *
 * <pre>{@code
 * DirectorInput input = DirectorInput.builder()
 *     .concept("Epic blacksmith forge revealing the Hamza Labs emblem in molten gold")
 *     .style(VideoStyle.CINEMATIC)
 *     .targetDuration(60)
 *     .aspectRatio(AspectRatio.LANDSCAPE_16_9)
 *     .constraints(DirectorConstraints.builder().maxScenes(5).build())
 *     .build();
 * }</pre>
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonDeserialize(builder = DirectorInput.Builder.class)
public final class DirectorInput {
  /** The longest concept accepted, in characters. */
  public static final int MAX_CONCEPT_LENGTH = 20_000;
  /** The longest extra context accepted, in characters. */
  public static final int MAX_CONTEXT_LENGTH = 50_000;
  /** The longest video that can be planned, in seconds. */
  public static final double MAX_TARGET_DURATION = 3600;

  private final String concept;
  private final VideoStyle style;
  private final double targetDuration;
  private final AspectRatio aspectRatio;
  private final DirectorConstraints constraints;
  private final BrandContext brand;
  private final VideoGoal goal;
  private final VideoDirection template;
  private final List<Double> shotDurations;
  private final String context;

  private DirectorInput(Builder b) {
    this.concept = b.concept;
    this.style = b.style;
    this.targetDuration = b.targetDuration;
    this.aspectRatio = b.aspectRatio;
    this.constraints = b.constraints;
    this.brand = b.brand;
    this.goal = b.goal;
    this.template = b.template;
    this.shotDurations = List.copyOf(b.shotDurations);
    this.context = b.context;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return what the video is about */
  public String concept() {
    return concept;
  }

  /** @return the visual style, if chosen (else the director chooses) */
  public Optional<VideoStyle> style() {
    return Optional.ofNullable(style);
  }

  /** @return the wanted length in seconds */
  public double targetDuration() {
    return targetDuration;
  }

  /** @return the frame shape */
  public AspectRatio aspectRatio() {
    return aspectRatio;
  }

  /** @return the limits (never null; {@link DirectorConstraints#NONE} by default) */
  public DirectorConstraints constraints() {
    return constraints == null ? DirectorConstraints.NONE : constraints;
  }

  /** @return the brand, if known */
  public Optional<BrandContext> brand() {
    return Optional.ofNullable(brand);
  }

  /** @return what the video is for, if said */
  public Optional<VideoGoal> goal() {
    return Optional.ofNullable(goal);
  }

  /** @return a plan whose structure and pacing to follow, if any */
  public Optional<VideoDirection> template() {
    return Optional.ofNullable(template);
  }

  /**
   * @return shot lengths in seconds to follow, in order (e.g. measured from a reference video);
   *     empty when free
   */
  public List<Double> shotDurations() {
    return shotDurations;
  }

  /** @return extra context (e.g. text from the brand's website), if any */
  public Optional<String> context() {
    return Optional.ofNullable(context);
  }

  /** @return a builder holding this input's values */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.concept = concept;
    b.style = style;
    b.targetDuration = targetDuration;
    b.aspectRatio = aspectRatio;
    b.constraints = constraints;
    b.brand = brand;
    b.goal = goal;
    b.template = template;
    b.shotDurations.addAll(shotDurations);
    b.context = context;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DirectorInput i && concept.equals(i.concept) && style == i.style
        && Double.compare(targetDuration, i.targetDuration) == 0 && aspectRatio.equals(i.aspectRatio)
        && constraints().equals(i.constraints()) && Objects.equals(brand, i.brand) && goal == i.goal
        && Objects.equals(template, i.template) && shotDurations.equals(i.shotDurations)
        && Objects.equals(context, i.context);
  }

  @Override
  public int hashCode() {
    return Objects.hash(concept, style, targetDuration, aspectRatio, constraints(), brand, goal, template,
        shotDurations, context);
  }

  @Override
  public String toString() {
    return "DirectorInput[concept=" + (concept.length() > 60 ? concept.substring(0, 57) + "..." : concept)
        + ", style=" + style + ", targetDuration=" + targetDuration + ", aspectRatio=" + aspectRatio + "]";
  }

  /** Builds a {@link DirectorInput}. Not thread-safe. */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder {
    private String concept;
    private VideoStyle style;
    private double targetDuration = 30;
    private AspectRatio aspectRatio = AspectRatio.LANDSCAPE_16_9;
    private DirectorConstraints constraints;
    private BrandContext brand;
    private VideoGoal goal;
    private VideoDirection template;
    private final List<Double> shotDurations = new ArrayList<>();
    private String context;

    private Builder() {
    }

    /**
     * @param concept what the video is about (required, not blank, at most 20,000 characters)
     * @return this builder
     * @throws IllegalArgumentException if blank or too long
     */
    public Builder concept(String concept) {
      String c = Objects.requireNonNull(concept, "concept").strip();
      if (c.isEmpty()) {
        throw new IllegalArgumentException("concept is blank; say what the video is about");
      }
      if (c.length() > MAX_CONCEPT_LENGTH) {
        throw new IllegalArgumentException("concept is " + c.length() + " characters; at most "
            + MAX_CONCEPT_LENGTH + " (pass long material as context)");
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
     * @param seconds the wanted length, above 0 and at most 3600 (default 30)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder targetDuration(double seconds) {
      if (!(seconds > 0) || seconds > MAX_TARGET_DURATION) {
        throw new IllegalArgumentException("targetDuration must be above 0 and at most " + MAX_TARGET_DURATION
            + " seconds, got " + seconds);
      }
      this.targetDuration = seconds;
      return this;
    }

    /**
     * @param ratio the frame shape (default 16:9)
     * @return this builder
     */
    public Builder aspectRatio(AspectRatio ratio) {
      this.aspectRatio = Objects.requireNonNull(ratio, "ratio");
      return this;
    }

    /**
     * @param constraints limits, or null for none
     * @return this builder
     */
    public Builder constraints(DirectorConstraints constraints) {
      this.constraints = constraints == null || constraints.isEmpty() ? null : constraints;
      return this;
    }

    /**
     * @param brand the brand, or null
     * @return this builder
     */
    public Builder brand(BrandContext brand) {
      this.brand = brand == null || brand.isEmpty() ? null : brand;
      return this;
    }

    /**
     * @param goal what the video is for, or null
     * @return this builder
     */
    public Builder goal(VideoGoal goal) {
      this.goal = goal;
      return this;
    }

    /**
     * @param template a plan whose structure and pacing to follow, or null
     * @return this builder
     */
    public Builder template(VideoDirection template) {
      this.template = template;
      return this;
    }

    /**
     * @param seconds shot lengths to follow in order, replacing any given before (at most 500,
     *     each above 0 and at most 600)
     * @return this builder
     * @throws IllegalArgumentException if a length is out of range or there are too many
     */
    public Builder shotDurations(List<Double> seconds) {
      Objects.requireNonNull(seconds, "seconds");
      if (seconds.size() > 500) {
        throw new IllegalArgumentException("shotDurations holds " + seconds.size() + " lengths; at most 500");
      }
      List<Double> copy = new ArrayList<>();
      for (Double s : seconds) {
        if (s == null || !(s > 0) || s > 600) {
          throw new IllegalArgumentException("shotDurations must be above 0 and at most 600 seconds, got " + s);
        }
        copy.add(s);
      }
      shotDurations.clear();
      shotDurations.addAll(copy);
      return this;
    }

    /**
     * @param context extra material for the director (e.g. website text), or null; at most
     *     50,000 characters
     * @return this builder
     * @throws IllegalArgumentException if too long
     */
    public Builder context(String context) {
      if (context != null && context.length() > MAX_CONTEXT_LENGTH) {
        throw new IllegalArgumentException("context is " + context.length() + " characters; at most "
            + MAX_CONTEXT_LENGTH);
      }
      this.context = context == null || context.isBlank() ? null : context.strip();
      return this;
    }

    /**
     * @return the input
     * @throws IllegalStateException if the concept is missing
     */
    public DirectorInput build() {
      if (concept == null) {
        throw new IllegalStateException("concept is required");
      }
      return new DirectorInput(this);
    }
  }
}
