package dev.vcg.services.reference;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.vcg.direction.VideoDirection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The structure a new plan should follow: an earlier plan, or what was measured in a reference
 * video.
 *
 * @param source where the structure comes from
 * @param plan the earlier plan, for {@link Source#PLAN}; else null
 * @param shotDurations the shot lengths in seconds, in order
 * @param palette the main colours as {@code #rrggbb}, most used first
 * @param averageMotion how much moves, 0 (still) to 1 (fast action); 0 for a plan
 * @param pacing the pacing in words, e.g. {@code "fast cuts, high energy"}
 * @param warnings what could not be measured
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferenceTemplate(Source source, VideoDirection plan, List<Double> shotDurations, List<String> palette,
                                double averageMotion, String pacing, List<String> warnings) {
  /** Where a template comes from. */
  public enum Source {
    /** An earlier plan, followed directly. */
    PLAN,
    /** A video file, measured. */
    VIDEO;

    /** @return the JSON spelling */
    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text the JSON spelling
     * @return the source
     */
    @JsonCreator
    public static Source parse(String text) {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
  }

  /** Validates and copies. */
  public ReferenceTemplate {
    Objects.requireNonNull(source, "source");
    shotDurations = List.copyOf(Objects.requireNonNull(shotDurations, "shotDurations"));
    palette = palette == null ? List.of() : List.copyOf(palette);
    pacing = pacing == null ? "" : pacing;
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
    if (source == Source.PLAN && plan == null) {
      throw new IllegalArgumentException("a plan template needs the plan");
    }
  }

  /** @return the earlier plan, for a plan template */
  public Optional<VideoDirection> planIfAny() {
    return Optional.ofNullable(plan);
  }

  /** @return the sum of the shot lengths, in seconds */
  public double totalDuration() {
    return shotDurations.stream().mapToDouble(Double::doubleValue).sum();
  }
}
