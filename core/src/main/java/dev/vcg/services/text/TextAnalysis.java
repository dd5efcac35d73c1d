package dev.vcg.services.text;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import dev.vcg.direction.VideoGoal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a request's text says: what the video should achieve (intent), how it should sound
 * (tone), what it is about (keywords), who it is for (audience) and the goal category, with who
 * made the analysis and whether it came from the cache.
 *
 * <p>Immutable and thread-safe; reads and writes JSON.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonDeserialize(builder = TextAnalysis.Builder.class)
public final class TextAnalysis {
  /** The most keywords kept. */
  public static final int MAX_KEYWORDS = 12;

  /** Who made an analysis. */
  public enum Source {
    /** A language model. */
    LLM,
    /** The built-in rules (no language model, or it failed). */
    RULES
  }

  private final String intent;
  private final String tone;
  private final List<String> keywords;
  private final String audience;
  private final VideoGoal goal;
  private final Source source;
  private final String model;
  private final boolean cacheHit;
  private final List<String> warnings;

  private TextAnalysis(Builder b) {
    this.intent = b.intent;
    this.tone = b.tone;
    this.keywords = List.copyOf(b.keywords);
    this.audience = b.audience;
    this.goal = b.goal;
    this.source = b.source;
    this.model = b.model;
    this.cacheHit = b.cacheHit;
    this.warnings = List.copyOf(b.warnings);
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return what the video should achieve, e.g. {@code "persuade viewers to sign up"} */
  public String intent() {
    return intent;
  }

  /** @return how it should sound, e.g. {@code "playful"} */
  public String tone() {
    return tone;
  }

  /** @return what it is about, most important first (at most {@value #MAX_KEYWORDS}) */
  public List<String> keywords() {
    return keywords;
  }

  /** @return who it is for, e.g. {@code "investors"} */
  public String audience() {
    return audience;
  }

  /** @return the goal category, if the text states or implies one */
  public Optional<VideoGoal> goal() {
    return Optional.ofNullable(goal);
  }

  /** @return who made the analysis */
  public Source source() {
    return source;
  }

  /** @return the model that made it, for {@link Source#LLM} */
  public Optional<String> model() {
    return Optional.ofNullable(model);
  }

  /** @return whether this analysis was served from the cache (and cost nothing) */
  public boolean cacheHit() {
    return cacheHit;
  }

  /** @return what went differently, e.g. the language model failed and rules were used */
  public List<String> warnings() {
    return warnings;
  }

  /** @return a builder holding these values */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.intent = intent;
    b.tone = tone;
    b.keywords.addAll(keywords);
    b.audience = audience;
    b.goal = goal;
    b.source = source;
    b.model = model;
    b.cacheHit = cacheHit;
    b.warnings.addAll(warnings);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TextAnalysis t && intent.equals(t.intent) && tone.equals(t.tone) && keywords.equals(t.keywords)
        && audience.equals(t.audience) && goal == t.goal && source == t.source && Objects.equals(model, t.model)
        && cacheHit == t.cacheHit && warnings.equals(t.warnings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(intent, tone, keywords, audience, goal, source, model, cacheHit, warnings);
  }

  @Override
  public String toString() {
    return "TextAnalysis[intent=" + intent + ", tone=" + tone + ", keywords=" + keywords + ", audience=" + audience
        + ", goal=" + goal + ", " + source + (cacheHit ? ", cache hit" : "") + "]";
  }

  /** Builds a {@link TextAnalysis}. Not thread-safe. */
  @JsonPOJOBuilder(withPrefix = "")
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static final class Builder {
    private String intent;
    private String tone;
    private final List<String> keywords = new ArrayList<>();
    private String audience;
    private VideoGoal goal;
    private Source source = Source.RULES;
    private String model;
    private boolean cacheHit;
    private final List<String> warnings = new ArrayList<>();

    private Builder() {
    }

    /**
     * @param intent what the video should achieve (required, at most 300 characters)
     * @return this builder
     * @throws IllegalArgumentException if blank or too long
     */
    public Builder intent(String intent) {
      this.intent = text(intent, "intent", 300);
      return this;
    }

    /**
     * @param tone how it should sound (required, at most 100 characters)
     * @return this builder
     * @throws IllegalArgumentException if blank or too long
     */
    public Builder tone(String tone) {
      this.tone = text(tone, "tone", 100);
      return this;
    }

    /**
     * @param keywords what it is about, most important first; blanks and repeats (ignoring case)
     *     are dropped and at most {@value TextAnalysis#MAX_KEYWORDS} kept, each at most 60 characters
     * @return this builder
     */
    public Builder keywords(List<String> keywords) {
      Objects.requireNonNull(keywords, "keywords");
      Set<String> seen = new LinkedHashSet<>();
      List<String> kept = new ArrayList<>();
      for (String k : keywords) {
        if (k == null || k.isBlank()) {
          continue;
        }
        String s = k.strip().replaceAll("\\s+", " ");
        if (s.length() > 60) {
          s = s.substring(0, 60).strip();
        }
        if (seen.add(s.toLowerCase(Locale.ROOT)) && kept.size() < MAX_KEYWORDS) {
          kept.add(s);
        }
      }
      this.keywords.clear();
      this.keywords.addAll(kept);
      return this;
    }

    /**
     * @param audience who it is for (required, at most 300 characters)
     * @return this builder
     * @throws IllegalArgumentException if blank or too long
     */
    public Builder audience(String audience) {
      this.audience = text(audience, "audience", 300);
      return this;
    }

    /**
     * @param goal the goal category, or null
     * @return this builder
     */
    public Builder goal(VideoGoal goal) {
      this.goal = goal;
      return this;
    }

    /**
     * @param source who made the analysis
     * @return this builder
     */
    public Builder source(Source source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * @param model the model that made it, or null
     * @return this builder
     */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /**
     * @param cacheHit whether it was served from the cache
     * @return this builder
     */
    public Builder cacheHit(boolean cacheHit) {
      this.cacheHit = cacheHit;
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
    public Builder addWarning(String warning) {
      warnings.add(Objects.requireNonNull(warning, "warning"));
      return this;
    }

    /**
     * @return the analysis
     * @throws IllegalStateException naming the first missing field among intent, tone and audience
     */
    public TextAnalysis build() {
      if (intent == null) {
        throw new IllegalStateException("intent is required");
      }
      if (tone == null) {
        throw new IllegalStateException("tone is required");
      }
      if (audience == null) {
        throw new IllegalStateException("audience is required");
      }
      return new TextAnalysis(this);
    }

    private static String text(String value, String field, int max) {
      Objects.requireNonNull(value, field);
      String s = value.strip().replaceAll("\\s+", " ");
      if (s.isEmpty()) {
        throw new IllegalArgumentException(field + " is blank");
      }
      if (s.length() > max) {
        throw new IllegalArgumentException(field + " is " + s.length() + " characters; at most " + max);
      }
      return s;
    }
  }
}
