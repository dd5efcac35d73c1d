package dev.vcg.services.plan;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import dev.vcg.direction.BrandContext;
import dev.vcg.direction.DirectorConstraints;
import dev.vcg.direction.DirectorInput;
import dev.vcg.direction.VideoGoal;
import dev.vcg.direction.VideoStyle;
import dev.vcg.provider.AspectRatio;
import dev.vcg.routing.ThinkingPattern;
import dev.vcg.services.brand.BrandProfile;
import dev.vcg.services.reference.ReferenceTemplate;
import dev.vcg.services.text.TextAnalysis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a plan is made from: the concept, length, style, shape and goal; the thinking
 * pattern; the brand; the text analysis; the assets the plan may use; a template; website text;
 * facts from clarification answers; limits. {@link #toDirectorInput()} turns it into the
 * director's input; {@link dev.vcg.services.validate.QualityValidator} checks plans against it.
 *
 * <pre>{@code
 * PlanBrief brief = PlanBrief.builder()
 *     .concept("Promo for the Acme rocket app").targetDuration(30).goal(VideoGoal.CONVERSION)
 *     .brand(profile).text(analysis).asset("logo", "logo.png, 512x512, transparent")
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; reads and writes JSON.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonDeserialize(builder = PlanBrief.Builder.class)
public final class PlanBrief {
  /** The most website text passed to the director. */
  public static final int MAX_WEBSITE_TEXT = 3_000;

  private final String concept;
  private final double targetDuration;
  private final VideoStyle style;
  private final AspectRatio aspectRatio;
  private final VideoGoal goal;
  private final ThinkingPattern pattern;
  private final BrandProfile brand;
  private final TextAnalysis text;
  private final Map<String, String> assets;
  private final ReferenceTemplate template;
  private final String websiteText;
  private final Map<String, String> facts;
  private final DirectorConstraints constraints;
  private final String callToAction;

  private PlanBrief(Builder b) {
    this.concept = b.concept;
    this.targetDuration = b.targetDuration;
    this.style = b.style;
    this.aspectRatio = b.aspectRatio;
    this.goal = b.goal;
    this.pattern = b.pattern;
    this.brand = b.brand;
    this.text = b.text;
    this.assets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.assets));
    this.template = b.template;
    this.websiteText = b.websiteText;
    this.facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.facts));
    this.constraints = b.constraints;
    this.callToAction = b.callToAction;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return what the video is about */
  public String concept() {
    return concept;
  }

  /** @return the wanted length in seconds */
  public double targetDuration() {
    return targetDuration;
  }

  /** @return the style, if chosen */
  public Optional<VideoStyle> style() {
    return Optional.ofNullable(style);
  }

  /** @return the frame shape */
  public AspectRatio aspectRatio() {
    return aspectRatio;
  }

  /** @return the goal, if known */
  public Optional<VideoGoal> goal() {
    return Optional.ofNullable(goal);
  }

  /** @return the thinking pattern, if known */
  public Optional<ThinkingPattern> pattern() {
    return Optional.ofNullable(pattern);
  }

  /** @return the brand, if known */
  public Optional<BrandProfile> brand() {
    return Optional.ofNullable(brand);
  }

  /** @return the text analysis, if made */
  public Optional<TextAnalysis> text() {
    return Optional.ofNullable(text);
  }

  /** @return the assets the plan may use: id → description */
  public Map<String, String> assets() {
    return assets;
  }

  /** @return the structure to follow, if any */
  public Optional<ReferenceTemplate> template() {
    return Optional.ofNullable(template);
  }

  /** @return text from the brand's website, if any */
  public Optional<String> websiteText() {
    return Optional.ofNullable(websiteText);
  }

  /** @return facts from clarification answers (industry, audience, …) */
  public Map<String, String> facts() {
    return facts;
  }

  /** @return the limits, if any */
  public Optional<DirectorConstraints> constraints() {
    return Optional.ofNullable(constraints);
  }

  /**
   * @return the call to action the video ends on: the one set on this brief, else the brand's, if
   *     either is known
   */
  public Optional<String> callToAction() {
    return Optional.ofNullable(callToAction).or(() -> brand().flatMap(BrandProfile::callToAction));
  }

  /**
   * The director's input: concept, length, style, shape, goal and limits as they are; the brand
   * as {@link BrandProfile#toBrandContext()} (with this brief's call to action when the brand has
   * none); a plan template as the template, a measured video's
   * shot lengths as shot durations; and as context, one line each: the approach (pattern),
   * intent, tone, audience, keywords, facts, the reference's pacing and colours, the assets, and
   * the website's text.
   *
   * @return the director's input
   */
  public DirectorInput toDirectorInput() {
    DirectorInput.Builder b = DirectorInput.builder().concept(concept).targetDuration(targetDuration).style(style)
        .aspectRatio(aspectRatio).goal(goal).constraints(constraints);
    BrandContext context0 = brand == null ? null : brand.toBrandContext();
    if (callToAction != null && (context0 == null || context0.callToAction().isEmpty())) {
      context0 = (context0 == null ? BrandContext.builder() : context0.toBuilder()).callToAction(callToAction).build();
    }
    b.brand(context0);
    List<String> lines = new ArrayList<>();
    if (pattern != null) {
      lines.add("Approach: " + APPROACH.get(pattern));
    }
    if (text != null) {
      lines.add("Intent: " + text.intent());
      lines.add("Tone: " + text.tone());
      lines.add("Audience: " + text.audience());
      if (!text.keywords().isEmpty()) {
        lines.add("Keywords: " + String.join(", ", text.keywords()));
      }
    }
    facts.forEach((k, v) -> lines.add(capitalise(k.replace('_', ' ')) + ": " + v));
    if (template != null) {
      if (template.source() == ReferenceTemplate.Source.PLAN) {
        b.template(template.plan());
      } else {
        b.shotDurations(template.shotDurations());
        lines.add("Reference video: " + template.shotDurations().size() + " shots, " + template.pacing()
            + (template.palette().isEmpty() ? "" : ", colours " + String.join(", ", template.palette())));
      }
    }
    if (!assets.isEmpty()) {
      lines.add("Assets to use:");
      assets.forEach((id, d) -> lines.add("- " + id + ": " + d));
    }
    if (websiteText != null) {
      lines.add("From the brand's website:");
      lines.add(websiteText);
    }
    String context = String.join("\n", lines);
    if (context.length() > DirectorInput.MAX_CONTEXT_LENGTH) {
      context = context.substring(0, DirectorInput.MAX_CONTEXT_LENGTH);
    }
    return b.context(context).build();
  }

  private static final Map<ThinkingPattern, String> APPROACH = Map.of(
      ThinkingPattern.TEMPLATE, "follow the structure and pacing of the reference",
      ThinkingPattern.MULTIMODAL, "combine the website, the files and the request into one brand-consistent story",
      ThinkingPattern.ASSET_CENTRIC, "build the video around the user's files",
      ThinkingPattern.EXTRACTIVE, "draw the story and the look from the brand's website",
      ThinkingPattern.STRATEGIC, "work backwards from the goal: hook, problem, solution, proof, call to action",
      ThinkingPattern.CONCEPTUAL, "turn the idea into strong images and a simple arc");

  private static String capitalise(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  /** @return a builder holding these values */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.concept = concept;
    b.targetDuration = targetDuration;
    b.style = style;
    b.aspectRatio = aspectRatio;
    b.goal = goal;
    b.pattern = pattern;
    b.brand = brand;
    b.text = text;
    b.assets.putAll(assets);
    b.template = template;
    b.websiteText = websiteText;
    b.facts.putAll(facts);
    b.constraints = constraints;
    b.callToAction = callToAction;
    return b;
  }

  @Override
  public String toString() {
    return "PlanBrief[concept=" + (concept.length() > 60 ? concept.substring(0, 57) + "..." : concept)
        + ", " + targetDuration + " s, goal=" + goal + ", pattern=" + pattern + ", brand=" + (brand != null)
        + ", assets=" + assets.size() + ", template=" + (template != null) + "]";
  }

  /** Builds a {@link PlanBrief}. Not thread-safe. */
  @JsonPOJOBuilder(withPrefix = "")
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static final class Builder {
    private String concept;
    private double targetDuration = 30;
    private VideoStyle style;
    private AspectRatio aspectRatio = AspectRatio.LANDSCAPE_16_9;
    private VideoGoal goal;
    private ThinkingPattern pattern;
    private BrandProfile brand;
    private TextAnalysis text;
    private final Map<String, String> assets = new LinkedHashMap<>();
    private ReferenceTemplate template;
    private String websiteText;
    private final Map<String, String> facts = new LinkedHashMap<>();
    private DirectorConstraints constraints;
    private String callToAction;

    private Builder() {
    }

    /**
     * @param concept what the video is about (required, not blank, at most
     *     {@value DirectorInput#MAX_CONCEPT_LENGTH} characters)
     * @return this builder
     * @throws IllegalArgumentException if blank or too long
     */
    public Builder concept(String concept) {
      String c = Objects.requireNonNull(concept, "concept").strip();
      if (c.isEmpty()) {
        throw new IllegalArgumentException("concept is blank; say what the video is about");
      }
      if (c.length() > DirectorInput.MAX_CONCEPT_LENGTH) {
        throw new IllegalArgumentException("concept is " + c.length() + " characters; at most "
            + DirectorInput.MAX_CONCEPT_LENGTH);
      }
      this.concept = c;
      return this;
    }

    /**
     * @param seconds the wanted length, above 0 and at most 3600 (default 30)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder targetDuration(double seconds) {
      if (!(seconds > 0) || seconds > DirectorInput.MAX_TARGET_DURATION) {
        throw new IllegalArgumentException("targetDuration must be above 0 and at most 3600 seconds, got " + seconds);
      }
      this.targetDuration = seconds;
      return this;
    }

    /**
     * @param style the style, or null
     * @return this builder
     */
    public Builder style(VideoStyle style) {
      this.style = style;
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
     * @param goal the goal, or null
     * @return this builder
     */
    public Builder goal(VideoGoal goal) {
      this.goal = goal;
      return this;
    }

    /**
     * @param pattern the thinking pattern, or null
     * @return this builder
     */
    public Builder pattern(ThinkingPattern pattern) {
      this.pattern = pattern;
      return this;
    }

    /**
     * @param brand the brand, or null
     * @return this builder
     */
    public Builder brand(BrandProfile brand) {
      this.brand = brand;
      return this;
    }

    /**
     * @param text the text analysis, or null
     * @return this builder
     */
    public Builder text(TextAnalysis text) {
      this.text = text;
      return this;
    }

    /**
     * @param assets the assets the plan may use, id → description (replaces any added before)
     * @return this builder
     */
    public Builder assets(Map<String, String> assets) {
      Objects.requireNonNull(assets, "assets");
      Map<String, String> copy = new LinkedHashMap<>();
      assets.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "id"), Objects.requireNonNull(v, "description")));
      this.assets.clear();
      this.assets.putAll(copy);
      return this;
    }

    /**
     * @param id the asset's id, e.g. {@code logo}
     * @param description what it is, e.g. {@code "logo.png, 512x512, transparent, #1b3a6b"}
     * @return this builder
     */
    public Builder asset(String id, String description) {
      assets.put(Objects.requireNonNull(id, "id"), Objects.requireNonNull(description, "description"));
      return this;
    }

    /**
     * @param template the structure to follow, or null
     * @return this builder
     */
    public Builder template(ReferenceTemplate template) {
      this.template = template;
      return this;
    }

    /**
     * @param text text from the brand's website, or null; cut to {@value PlanBrief#MAX_WEBSITE_TEXT} characters
     * @return this builder
     */
    public Builder websiteText(String text) {
      String t = text == null ? null : text.strip();
      this.websiteText = t == null || t.isEmpty() ? null
          : t.length() > MAX_WEBSITE_TEXT ? t.substring(0, MAX_WEBSITE_TEXT) : t;
      return this;
    }

    /**
     * @param facts facts from clarification answers (replaces any added before)
     * @return this builder
     */
    public Builder facts(Map<String, String> facts) {
      Objects.requireNonNull(facts, "facts");
      Map<String, String> copy = new LinkedHashMap<>();
      facts.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value")));
      this.facts.clear();
      this.facts.putAll(copy);
      return this;
    }

    /**
     * @param key a fact's name, e.g. {@code industry}
     * @param value its value
     * @return this builder
     */
    public Builder fact(String key, String value) {
      facts.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * @param constraints limits, or null
     * @return this builder
     */
    public Builder constraints(DirectorConstraints constraints) {
      this.constraints = constraints;
      return this;
    }

    /**
     * @param callToAction the call to action the video ends on when the brand has none (e.g.
     *     derived from the goal), or null; at most 200 characters
     * @return this builder
     * @throws IllegalArgumentException if longer than 200 characters
     */
    public Builder callToAction(String callToAction) {
      String c = callToAction == null ? null : callToAction.strip();
      if (c != null && c.length() > 200) {
        throw new IllegalArgumentException("callToAction is " + c.length() + " characters; at most 200");
      }
      this.callToAction = c == null || c.isEmpty() ? null : c;
      return this;
    }

    /**
     * @return the brief
     * @throws IllegalStateException if the concept is missing
     */
    public PlanBrief build() {
      if (concept == null) {
        throw new IllegalStateException("concept is required");
      }
      return new PlanBrief(this);
    }
  }
}
