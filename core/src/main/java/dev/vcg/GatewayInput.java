package dev.vcg;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vcg.direction.VideoDirection;
import dev.vcg.direction.VideoStyle;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.AspectRatio;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a person brings: a prompt, and optionally a website, brand assets, a goal, a reference
 * video (a file, or an earlier plan used as a template), a duration, a style and an aspect
 * ratio. Answers to clarification questions enrich it ({@link #withContext}). Immutable;
 * serialisable, so a suspended workflow keeps it.
 *
 * <pre>{@code
 * GatewayInput input = GatewayInput.builder()
 *     .prompt("Make a promo video for our new app")
 *     .url(URI.create("https://myapp.example"))
 *     .addAsset(InputAsset.logo(MediaRef.file(Path.of("logo.png"))))
 *     .goal("increase app downloads")
 *     .durationSeconds(45)
 *     .build();
 * }</pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class GatewayInput {
  /** The longest prompt accepted, in characters. */
  public static final int MAX_PROMPT = 20_000;

  private final String prompt;
  private final URI url;
  private final List<InputAsset> assets;
  private final String goal;
  private final Integer durationSeconds;
  private final VideoStyle style;
  private final AspectRatio aspectRatio;
  private final MediaRef referenceVideo;
  private final VideoDirection referenceDirection;
  private final Map<String, String> context;

  private GatewayInput(Builder b) {
    this.prompt = b.prompt;
    this.url = b.url;
    this.assets = List.copyOf(b.assets);
    this.goal = b.goal;
    this.durationSeconds = b.durationSeconds;
    this.style = b.style;
    this.aspectRatio = b.aspectRatio;
    this.referenceVideo = b.referenceVideo;
    this.referenceDirection = b.referenceDirection;
    this.context = Map.copyOf(b.context);
  }

  @JsonCreator
  static GatewayInput fromJson(@JsonProperty("prompt") String prompt, @JsonProperty("url") URI url,
      @JsonProperty("assets") List<InputAsset> assets, @JsonProperty("goal") String goal,
      @JsonProperty("durationSeconds") Integer durationSeconds, @JsonProperty("style") VideoStyle style,
      @JsonProperty("aspectRatio") AspectRatio aspectRatio, @JsonProperty("referenceVideo") MediaRef referenceVideo,
      @JsonProperty("referenceDirection") VideoDirection referenceDirection,
      @JsonProperty("context") Map<String, String> context) {
    Builder b = builder().prompt(prompt == null ? "" : prompt);
    if (url != null) {
      b.url(url);
    }
    if (assets != null) {
      assets.forEach(b::addAsset);
    }
    b.goal(goal).style(style).aspectRatio(aspectRatio).referenceVideo(referenceVideo).referenceDirection(referenceDirection);
    if (durationSeconds != null) {
      b.durationSeconds(durationSeconds);
    }
    if (context != null) {
      context.forEach(b::context);
    }
    return b.build();
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @param prompt what the video is about
   * @return an input with only a prompt
   */
  public static GatewayInput ofPrompt(String prompt) {
    return builder().prompt(prompt).build();
  }

  /** @return the prompt (may be empty when assets or a URL carry the request) */
  @JsonProperty("prompt")
  public String prompt() {
    return prompt;
  }

  /** @return the website to draw brand and content from, if any */
  public Optional<URI> url() {
    return Optional.ofNullable(url);
  }

  @JsonProperty("url")
  private URI urlOrNull() {
    return url;
  }

  /** @return the user's files */
  @JsonProperty("assets")
  public List<InputAsset> assets() {
    return assets;
  }

  /** @return the goal in the user's words (e.g. "increase signups"), if any */
  public Optional<String> goal() {
    return Optional.ofNullable(goal);
  }

  @JsonProperty("goal")
  private String goalOrNull() {
    return goal;
  }

  /** @return the wanted length in seconds, if given */
  public Optional<Integer> durationSeconds() {
    return Optional.ofNullable(durationSeconds);
  }

  @JsonProperty("durationSeconds")
  private Integer durationOrNull() {
    return durationSeconds;
  }

  /** @return the wanted style, if given */
  public Optional<VideoStyle> style() {
    return Optional.ofNullable(style);
  }

  @JsonProperty("style")
  private VideoStyle styleOrNull() {
    return style;
  }

  /** @return the wanted aspect ratio, if given */
  public Optional<AspectRatio> aspectRatio() {
    return Optional.ofNullable(aspectRatio);
  }

  @JsonProperty("aspectRatio")
  private AspectRatio aspectOrNull() {
    return aspectRatio;
  }

  /** @return a reference video file whose structure to follow, if any */
  public Optional<MediaRef> referenceVideo() {
    return Optional.ofNullable(referenceVideo);
  }

  @JsonProperty("referenceVideo")
  private MediaRef referenceVideoOrNull() {
    return referenceVideo;
  }

  /** @return an earlier plan to use as a template, if any */
  public Optional<VideoDirection> referenceDirection() {
    return Optional.ofNullable(referenceDirection);
  }

  @JsonProperty("referenceDirection")
  private VideoDirection referenceDirectionOrNull() {
    return referenceDirection;
  }

  /** @return facts learned from clarification answers (industry, audience, …) */
  @JsonProperty("context")
  public Map<String, String> context() {
    return context;
  }

  /** @return whether a reference video or template plan is given */
  public boolean hasReference() {
    return referenceVideo != null || referenceDirection != null;
  }

  /**
   * @param key a fact's name, e.g. {@code industry}
   * @param value its value
   * @return this input with the fact added
   */
  public GatewayInput withContext(String key, String value) {
    return toBuilder().context(key, value).build();
  }

  /** @return a builder holding this input's values */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.prompt = prompt;
    b.url = url;
    b.assets.addAll(assets);
    b.goal = goal;
    b.durationSeconds = durationSeconds;
    b.style = style;
    b.aspectRatio = aspectRatio;
    b.referenceVideo = referenceVideo;
    b.referenceDirection = referenceDirection;
    b.context.putAll(context);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GatewayInput g && prompt.equals(g.prompt) && Objects.equals(url, g.url)
        && assets.equals(g.assets) && Objects.equals(goal, g.goal) && Objects.equals(durationSeconds, g.durationSeconds)
        && style == g.style && Objects.equals(aspectRatio, g.aspectRatio) && Objects.equals(referenceVideo, g.referenceVideo)
        && Objects.equals(referenceDirection, g.referenceDirection) && context.equals(g.context);
  }

  @Override
  public int hashCode() {
    return Objects.hash(prompt, url, assets, goal, durationSeconds, style, aspectRatio, context);
  }

  @Override
  public String toString() {
    return "GatewayInput[prompt=" + (prompt.length() > 60 ? prompt.substring(0, 57) + "..." : prompt)
        + (url == null ? "" : ", url=" + url.getScheme() + "://" + url.getHost())
        + (assets.isEmpty() ? "" : ", assets=" + assets.size())
        + (goal == null ? "" : ", goal=" + goal)
        + (durationSeconds == null ? "" : ", duration=" + durationSeconds + "s")
        + (hasReference() ? ", reference" : "") + "]";
  }

  /** Builds a {@link GatewayInput}. */
  public static final class Builder {
    private String prompt = "";
    private URI url;
    private final List<InputAsset> assets = new ArrayList<>();
    private String goal;
    private Integer durationSeconds;
    private VideoStyle style;
    private AspectRatio aspectRatio;
    private MediaRef referenceVideo;
    private VideoDirection referenceDirection;
    private final Map<String, String> context = new LinkedHashMap<>();

    private Builder() {
    }

    /**
     * @param prompt what the video is about
     * @return this builder
     * @throws IllegalArgumentException if longer than {@value GatewayInput#MAX_PROMPT} characters
     */
    public Builder prompt(String prompt) {
      Objects.requireNonNull(prompt, "prompt");
      if (prompt.length() > MAX_PROMPT) {
        throw new IllegalArgumentException("prompt is " + prompt.length() + " characters; at most " + MAX_PROMPT);
      }
      this.prompt = prompt.strip();
      return this;
    }

    /**
     * @param url an http(s) website
     * @return this builder
     * @throws IllegalArgumentException if not an absolute http(s) URL
     */
    public Builder url(URI url) {
      Objects.requireNonNull(url, "url");
      String scheme = url.getScheme();
      if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || url.getHost() == null) {
        throw new IllegalArgumentException("url must be an absolute http(s) URL: " + url);
      }
      this.url = url;
      return this;
    }

    /**
     * @param asset a user file
     * @return this builder
     */
    public Builder addAsset(InputAsset asset) {
      assets.add(Objects.requireNonNull(asset, "asset"));
      return this;
    }

    /**
     * @param goal the goal in the user's words, or null
     * @return this builder
     */
    public Builder goal(String goal) {
      this.goal = goal == null || goal.isBlank() ? null : goal.strip();
      return this;
    }

    /**
     * @param seconds wanted length, 1 to 3600
     * @return this builder
     */
    public Builder durationSeconds(int seconds) {
      if (seconds < 1 || seconds > 3600) {
        throw new IllegalArgumentException("durationSeconds must be within 1..3600: " + seconds);
      }
      this.durationSeconds = seconds;
      return this;
    }

    /**
     * @param style wanted style, or null
     * @return this builder
     */
    public Builder style(VideoStyle style) {
      this.style = style;
      return this;
    }

    /**
     * @param ratio wanted aspect ratio, or null
     * @return this builder
     */
    public Builder aspectRatio(AspectRatio ratio) {
      this.aspectRatio = ratio;
      return this;
    }

    /**
     * @param video a reference video file, or null
     * @return this builder
     */
    public Builder referenceVideo(MediaRef video) {
      this.referenceVideo = video;
      return this;
    }

    /**
     * @param template an earlier plan to follow, or null
     * @return this builder
     */
    public Builder referenceDirection(VideoDirection template) {
      this.referenceDirection = template;
      return this;
    }

    /**
     * @param key a fact's name
     * @param value its value
     * @return this builder
     */
    public Builder context(String key, String value) {
      context.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * @return the input
     * @throws IllegalStateException if nothing at all is given (no prompt, URL, assets or reference)
     */
    public GatewayInput build() {
      if (prompt.isEmpty() && url == null && assets.isEmpty() && referenceVideo == null && referenceDirection == null) {
        throw new IllegalStateException("prompt: give a prompt, a url, assets or a reference video");
      }
      return new GatewayInput(this);
    }
  }
}
