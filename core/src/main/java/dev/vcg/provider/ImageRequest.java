package dev.vcg.provider;

import dev.vcg.media.MediaRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One image generation, or an edit when reference images are given. Immutable.
 *
 * <pre>{@code
 * ImageRequest r = ImageRequest.builder()
 *     .prompt("a blacksmith's forge at night, cinematic")
 *     .size(new ImageSize(1280, 720))
 *     .seed(42L)
 *     .build();
 * }</pre>
 */
public final class ImageRequest {
  private final String prompt;
  private final String negativePrompt;
  private final ImageSize size;
  private final Long seed;
  private final List<MediaRef> referenceImages;
  private final String model;
  private final Map<String, Object> extraParameters;

  private ImageRequest(Builder b) {
    this.prompt = b.prompt;
    this.negativePrompt = b.negativePrompt;
    this.size = b.size;
    this.seed = b.seed;
    this.referenceImages = List.copyOf(b.referenceImages);
    this.model = b.model;
    this.extraParameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.extra));
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return what to draw */
  public String prompt() {
    return prompt;
  }

  /** @return what to avoid, if given */
  public Optional<String> negativePrompt() {
    return Optional.ofNullable(negativePrompt);
  }

  /** @return the wanted size */
  public ImageSize size() {
    return size;
  }

  /** @return the seed, if given */
  public Optional<Long> seed() {
    return Optional.ofNullable(seed);
  }

  /** @return images to edit or keep consistent with (empty for plain generation) */
  public List<MediaRef> referenceImages() {
    return referenceImages;
  }

  /** @return a model id overriding the configured one, if given */
  public Optional<String> model() {
    return Optional.ofNullable(model);
  }

  /** @return provider-specific fields sent as they are */
  public Map<String, Object> extraParameters() {
    return extraParameters;
  }

  /** @return a builder with this request's values */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.prompt = prompt;
    b.negativePrompt = negativePrompt;
    b.size = size;
    b.seed = seed;
    b.referenceImages.addAll(referenceImages);
    b.model = model;
    b.extra.putAll(extraParameters);
    return b;
  }

  @Override
  public String toString() {
    return "ImageRequest[size=" + size + ", seed=" + seed + ", references=" + referenceImages.size()
        + ", prompt=" + VideoRequest.abbreviate(prompt) + "]";
  }

  /** Builds an {@link ImageRequest}. */
  public static final class Builder {
    private String prompt;
    private String negativePrompt;
    private ImageSize size = new ImageSize(1024, 1024);
    private Long seed;
    private final List<MediaRef> referenceImages = new ArrayList<>();
    private String model;
    private final Map<String, Object> extra = new LinkedHashMap<>();

    private Builder() {
    }

    /**
     * @param prompt what to draw (required, not blank)
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
     * @param size the wanted size (default 1024x1024)
     * @return this builder
     */
    public Builder size(ImageSize size) {
      this.size = Objects.requireNonNull(size, "size");
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
     * @param image a reference image (for edits and continuity)
     * @return this builder
     */
    public Builder addReferenceImage(MediaRef image) {
      referenceImages.add(Objects.requireNonNull(image, "image"));
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
     * @throws IllegalStateException if the prompt is missing
     */
    public ImageRequest build() {
      if (prompt == null) {
        throw new IllegalStateException("prompt is required");
      }
      return new ImageRequest(this);
    }
  }
}
