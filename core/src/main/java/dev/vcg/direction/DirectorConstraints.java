package dev.vcg.direction;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Limits a plan must respect: at most so many scenes and shots per scene, things it must show
 * and things it must avoid. Terms are matched case-insensitively as whole words or phrases in
 * the plan's title, narrative and prompts.
 *
 * <p>Immutable and thread-safe; reads and writes JSON.
 *
 * <pre>{@code
 * DirectorConstraints c = DirectorConstraints.builder()
 *     .maxScenes(4).maxShotsPerScene(3)
 *     .addMustInclude("Arabic engraving").addAvoid("blood")
 *     .build();
 * }</pre>
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonDeserialize(builder = DirectorConstraints.Builder.class)
public final class DirectorConstraints {
  /** No limits. */
  public static final DirectorConstraints NONE = builder().build();

  /** The most scenes or shots per scene a limit may name. */
  public static final int MAX_LIMIT = 100;

  private final Integer maxScenes;
  private final Integer maxShotsPerScene;
  private final List<String> mustInclude;
  private final List<String> avoid;

  private DirectorConstraints(Builder b) {
    this.maxScenes = b.maxScenes;
    this.maxShotsPerScene = b.maxShotsPerScene;
    this.mustInclude = List.copyOf(b.mustInclude);
    this.avoid = List.copyOf(b.avoid);
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the most scenes a plan may have, if limited */
  public OptionalInt maxScenes() {
    return maxScenes == null ? OptionalInt.empty() : OptionalInt.of(maxScenes);
  }

  /** @return the most shots one scene may have, if limited */
  public OptionalInt maxShotsPerScene() {
    return maxShotsPerScene == null ? OptionalInt.empty() : OptionalInt.of(maxShotsPerScene);
  }

  /**
   * @return the most shots a whole plan may have under these limits, if both limits are set
   */
  public OptionalInt maxShots() {
    return maxScenes == null || maxShotsPerScene == null ? OptionalInt.empty()
        : OptionalInt.of(maxScenes * maxShotsPerScene);
  }

  /** @return what the plan must show (may be empty) */
  public List<String> mustInclude() {
    return mustInclude;
  }

  /** @return what the plan must not show (may be empty) */
  public List<String> avoid() {
    return avoid;
  }

  /** @return whether there are no limits at all */
  public boolean isEmpty() {
    return maxScenes == null && maxShotsPerScene == null && mustInclude.isEmpty() && avoid.isEmpty();
  }

  /** @return a builder holding these limits */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxScenes = maxScenes;
    b.maxShotsPerScene = maxShotsPerScene;
    b.mustInclude.addAll(mustInclude);
    b.avoid.addAll(avoid);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DirectorConstraints c && Objects.equals(maxScenes, c.maxScenes)
        && Objects.equals(maxShotsPerScene, c.maxShotsPerScene) && mustInclude.equals(c.mustInclude)
        && avoid.equals(c.avoid);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxScenes, maxShotsPerScene, mustInclude, avoid);
  }

  @Override
  public String toString() {
    return "DirectorConstraints[maxScenes=" + maxScenes + ", maxShotsPerScene=" + maxShotsPerScene
        + ", mustInclude=" + mustInclude + ", avoid=" + avoid + "]";
  }

  /** Builds {@link DirectorConstraints}. Not thread-safe. */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder {
    private Integer maxScenes;
    private Integer maxShotsPerScene;
    private final List<String> mustInclude = new ArrayList<>();
    private final List<String> avoid = new ArrayList<>();

    private Builder() {
    }

    /**
     * @param max the most scenes, 1 to 100, or null for no limit
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxScenes(Integer max) {
      this.maxScenes = limit(max, "maxScenes");
      return this;
    }

    /**
     * @param max the most shots per scene, 1 to 100, or null for no limit
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxShotsPerScene(Integer max) {
      this.maxShotsPerScene = limit(max, "maxShotsPerScene");
      return this;
    }

    /**
     * @param terms what the plan must show, replacing any added before
     * @return this builder
     * @throws IllegalArgumentException if a term is blank or longer than 500 characters
     */
    public Builder mustInclude(List<String> terms) {
      mustInclude.clear();
      Objects.requireNonNull(terms, "terms").forEach(this::addMustInclude);
      return this;
    }

    /**
     * @param term something the plan must show
     * @return this builder
     * @throws IllegalArgumentException if blank or longer than 500 characters
     */
    public Builder addMustInclude(String term) {
      mustInclude.add(term(term));
      return this;
    }

    /**
     * @param terms what the plan must not show, replacing any added before
     * @return this builder
     * @throws IllegalArgumentException if a term is blank or longer than 500 characters
     */
    public Builder avoid(List<String> terms) {
      avoid.clear();
      Objects.requireNonNull(terms, "terms").forEach(this::addAvoid);
      return this;
    }

    /**
     * @param term something the plan must not show
     * @return this builder
     * @throws IllegalArgumentException if blank or longer than 500 characters
     */
    public Builder addAvoid(String term) {
      avoid.add(term(term));
      return this;
    }

    private static Integer limit(Integer max, String field) {
      if (max != null && (max < 1 || max > MAX_LIMIT)) {
        throw new IllegalArgumentException(field + " must be within 1.." + MAX_LIMIT + ", got " + max);
      }
      return max;
    }

    private static String term(String term) {
      String t = BrandContext.text(Objects.requireNonNull(term, "term"), "term");
      if (t == null) {
        throw new IllegalArgumentException("term is blank");
      }
      return t;
    }

    /** @return the constraints */
    public DirectorConstraints build() {
      return new DirectorConstraints(this);
    }
  }
}
