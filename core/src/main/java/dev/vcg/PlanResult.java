package dev.vcg;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import dev.vcg.direction.DirectionResult;
import dev.vcg.direction.VideoDirection;
import dev.vcg.media.MediaRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a planning workflow produces: the director's plan (with its version, source, warnings and
 * cost estimate), a confidence score, the assets the plan uses (uploaded or generated), warnings
 * (e.g. a service that failed and was skipped) and metadata (e.g. the thinking pattern and
 * complexity). Every planning workflow registered in a {@link WorkflowCatalog} returns one from
 * its output step.
 *
 * <pre>{@code
 * PlanResult result = PlanResult.builder()
 *     .direction(directionResult)
 *     .confidence(0.85)
 *     .warning("the website could not be read; planned from the prompt")
 *     .metadata("pattern", "conceptual")
 *     .build();
 * }</pre>
 *
 * <p>Immutable, thread-safe and serialisable with the library's JSON mapper.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonDeserialize(builder = PlanResult.Builder.class)
public final class PlanResult {
  private final DirectionResult direction;
  private final double confidence;
  private final List<PlanAsset> assets;
  private final List<String> warnings;
  private final Map<String, String> metadata;

  private PlanResult(Builder b) {
    this.direction = b.direction;
    this.confidence = b.confidence;
    this.assets = List.copyOf(b.assets);
    this.warnings = List.copyOf(b.warnings);
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * An asset a plan uses.
   *
   * @param id a short id, e.g. {@code logo} or {@code generated-2}
   * @param media the file or URL
   * @param generated whether the gateway generated it (else the person uploaded it)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PlanAsset(String id, MediaRef media, boolean generated) {
    /** Validates. */
    public PlanAsset {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(media, "media");
    }
  }

  /** @return the director's result: the plan, its version, source, warnings and language-model cost */
  public DirectionResult direction() {
    return direction;
  }

  /** @return the plan itself */
  public VideoDirection plan() {
    return direction.direction();
  }

  /** @return how confident the workflow is that the plan meets the request, 0 to 1 */
  public double confidence() {
    return confidence;
  }

  /** @return the assets the plan uses */
  public List<PlanAsset> assets() {
    return assets;
  }

  /** @return what went differently from the request (the director's warnings are in {@link #direction()}) */
  public List<String> warnings() {
    return warnings;
  }

  /** @return facts about how the plan was made, e.g. {@code pattern}, {@code complexity} */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** @return a builder holding these values */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.direction = direction;
    b.confidence = confidence;
    b.assets.addAll(assets);
    b.warnings.addAll(warnings);
    b.metadata.putAll(metadata);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlanResult p && p.direction.equals(direction) && p.confidence == confidence
        && p.assets.equals(assets) && p.warnings.equals(warnings) && p.metadata.equals(metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(direction, confidence, assets, warnings, metadata);
  }

  @Override
  public String toString() {
    return "PlanResult[" + plan().title() + ", v" + direction.version() + ", " + plan().shots().size() + " shots, "
        + "confidence " + confidence + (warnings.isEmpty() ? "" : ", " + warnings.size() + " warnings") + "]";
  }

  /** Builds a {@link PlanResult}. Not thread-safe. */
  @JsonPOJOBuilder(withPrefix = "")
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static final class Builder {
    private DirectionResult direction;
    private double confidence = 1;
    private final List<PlanAsset> assets = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private Builder() {
    }

    /**
     * @param direction the director's result (required)
     * @return this builder
     */
    public Builder direction(DirectionResult direction) {
      this.direction = Objects.requireNonNull(direction, "direction");
      return this;
    }

    /**
     * @param confidence 0 to 1 (default 1)
     * @return this builder
     * @throws IllegalArgumentException if outside 0..1
     */
    public Builder confidence(double confidence) {
      if (!(confidence >= 0 && confidence <= 1)) {
        throw new IllegalArgumentException("confidence must be within 0..1: " + confidence);
      }
      this.confidence = confidence;
      return this;
    }

    /**
     * @param assets the assets the plan uses (replaces any added before)
     * @return this builder
     */
    public Builder assets(List<PlanAsset> assets) {
      Objects.requireNonNull(assets, "assets");
      List<PlanAsset> copy = new ArrayList<>();
      assets.forEach(a -> copy.add(Objects.requireNonNull(a, "asset")));
      this.assets.clear();
      this.assets.addAll(copy);
      return this;
    }

    /**
     * @param asset an asset the plan uses
     * @return this builder
     */
    public Builder addAsset(PlanAsset asset) {
      assets.add(Objects.requireNonNull(asset, "asset"));
      return this;
    }

    /**
     * @param warnings what went differently (replaces any added before)
     * @return this builder
     */
    public Builder warnings(List<String> warnings) {
      Objects.requireNonNull(warnings, "warnings");
      List<String> copy = new ArrayList<>();
      warnings.forEach(w -> copy.add(Objects.requireNonNull(w, "warning")));
      this.warnings.clear();
      this.warnings.addAll(copy);
      return this;
    }

    /**
     * @param warning one thing that went differently
     * @return this builder
     */
    public Builder warning(String warning) {
      warnings.add(Objects.requireNonNull(warning, "warning"));
      return this;
    }

    /**
     * @param metadata facts about how the plan was made (replaces any set before)
     * @return this builder
     */
    public Builder metadata(Map<String, String> metadata) {
      Objects.requireNonNull(metadata, "metadata");
      Map<String, String> copy = new LinkedHashMap<>();
      metadata.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value")));
      this.metadata.clear();
      this.metadata.putAll(copy);
      return this;
    }

    /**
     * @param key a fact's name
     * @param value its value
     * @return this builder
     */
    public Builder metadata(String key, String value) {
      metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * @return the result
     * @throws IllegalStateException if the direction is missing
     */
    public PlanResult build() {
      if (direction == null) {
        throw new IllegalStateException("direction is required");
      }
      return new PlanResult(this);
    }
  }
}
