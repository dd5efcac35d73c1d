package dev.vcg.provider;

import dev.vcg.cost.Price;
import java.util.Objects;
import java.util.Optional;

/**
 * A model a provider declares: its id, what it does, what it can do and what it costs. The list
 * is a catalogue of well-known models, not a limit: any model id the provider accepts may be
 * configured (an open vocabulary).
 */
public final class ModelInfo {
  private final String id;
  private final ProviderKind kind;
  private final String description;
  private final LlmCapabilities llm;
  private final ImageCapabilities image;
  private final VideoCapabilities video;
  private final Price price;

  private ModelInfo(String id, ProviderKind kind, String description, LlmCapabilities llm,
                    ImageCapabilities image, VideoCapabilities video, Price price) {
    this.id = Objects.requireNonNull(id, "id");
    this.kind = kind;
    this.description = Objects.requireNonNull(description, "description");
    this.llm = llm;
    this.image = image;
    this.video = video;
    this.price = Objects.requireNonNull(price, "price");
  }

  /**
   * @param id model id
   * @param description one line for listings
   * @param capabilities what it can do
   * @param price list price
   * @return a language model entry
   */
  public static ModelInfo llm(String id, String description, LlmCapabilities capabilities, Price price) {
    return new ModelInfo(id, ProviderKind.LLM, description, Objects.requireNonNull(capabilities), null, null, price);
  }

  /**
   * @param id model id
   * @param description one line for listings
   * @param capabilities what it can do
   * @param price list price
   * @return an image model entry
   */
  public static ModelInfo image(String id, String description, ImageCapabilities capabilities, Price price) {
    return new ModelInfo(id, ProviderKind.IMAGE, description, null, Objects.requireNonNull(capabilities), null, price);
  }

  /**
   * @param id model id
   * @param description one line for listings
   * @param capabilities what it can do
   * @param price list price
   * @return a video model entry
   */
  public static ModelInfo video(String id, String description, VideoCapabilities capabilities, Price price) {
    return new ModelInfo(id, ProviderKind.VIDEO, description, null, null, Objects.requireNonNull(capabilities), price);
  }

  /** @return the model id */
  public String id() {
    return id;
  }

  /** @return what it does */
  public ProviderKind kind() {
    return kind;
  }

  /** @return one line for listings */
  public String description() {
    return description;
  }

  /** @return language capabilities, for {@link ProviderKind#LLM} */
  public Optional<LlmCapabilities> llmCapabilities() {
    return Optional.ofNullable(llm);
  }

  /** @return image capabilities, for {@link ProviderKind#IMAGE} */
  public Optional<ImageCapabilities> imageCapabilities() {
    return Optional.ofNullable(image);
  }

  /** @return video capabilities, for {@link ProviderKind#VIDEO} */
  public Optional<VideoCapabilities> videoCapabilities() {
    return Optional.ofNullable(video);
  }

  /** @return the list price */
  public Price price() {
    return price;
  }

  @Override
  public String toString() {
    return "ModelInfo[" + kind + " " + id + "]";
  }
}
