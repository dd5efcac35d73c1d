package dev.vcg.provider;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One chat completion: messages, the answer's format and sampling settings. Immutable.
 *
 * <pre>{@code
 * ChatRequest r = ChatRequest.builder()
 *     .addMessage(ChatMessage.system("You are a film director."))
 *     .addMessage(ChatMessage.user("Plan a 30 second teaser."))
 *     .responseFormat(ResponseFormat.JSON_OBJECT)
 *     .build();
 * }</pre>
 */
public final class ChatRequest {
  private final List<ChatMessage> messages;
  private final ResponseFormat responseFormat;
  private final Double temperature;
  private final Integer maxTokens;
  private final Long seed;
  private final String model;
  private final List<String> fallbackModels;
  private final Map<String, Object> extraParameters;

  private ChatRequest(Builder b) {
    this.messages = List.copyOf(b.messages);
    this.responseFormat = b.responseFormat;
    this.temperature = b.temperature;
    this.maxTokens = b.maxTokens;
    this.seed = b.seed;
    this.model = b.model;
    this.fallbackModels = List.copyOf(b.fallbackModels);
    this.extraParameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.extra));
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the messages, in order */
  public List<ChatMessage> messages() {
    return messages;
  }

  /** @return the answer's format */
  public ResponseFormat responseFormat() {
    return responseFormat;
  }

  /** @return the sampling temperature, if set */
  public Optional<Double> temperature() {
    return Optional.ofNullable(temperature);
  }

  /** @return the answer's token limit, if set */
  public Optional<Integer> maxTokens() {
    return Optional.ofNullable(maxTokens);
  }

  /** @return the seed, if set */
  public Optional<Long> seed() {
    return Optional.ofNullable(seed);
  }

  /** @return a model id overriding the configured one, if set */
  public Optional<String> model() {
    return Optional.ofNullable(model);
  }

  /** @return models to fall back to, in order, where the provider supports it */
  public List<String> fallbackModels() {
    return fallbackModels;
  }

  /** @return provider-specific fields sent as they are */
  public Map<String, Object> extraParameters() {
    return extraParameters;
  }

  /** @return a builder holding this request's values */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.messages.addAll(messages);
    b.responseFormat = responseFormat;
    b.temperature = temperature;
    b.maxTokens = maxTokens;
    b.seed = seed;
    b.model = model;
    b.fallbackModels.addAll(fallbackModels);
    b.extra.putAll(extraParameters);
    return b;
  }

  @Override
  public String toString() {
    return "ChatRequest[messages=" + messages.size() + ", format=" + responseFormat
        + (model == null ? "" : ", model=" + model) + "]";
  }

  /** Builds a {@link ChatRequest}. */
  public static final class Builder {
    private final List<ChatMessage> messages = new ArrayList<>();
    private ResponseFormat responseFormat = ResponseFormat.TEXT;
    private Double temperature;
    private Integer maxTokens;
    private Long seed;
    private String model;
    private final List<String> fallbackModels = new ArrayList<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();

    private Builder() {
    }

    /**
     * @param message the next message
     * @return this builder
     */
    public Builder addMessage(ChatMessage message) {
      messages.add(Objects.requireNonNull(message, "message"));
      return this;
    }

    /**
     * @param messages the messages, replacing any added before
     * @return this builder
     */
    public Builder messages(List<ChatMessage> messages) {
      this.messages.clear();
      messages.forEach(this::addMessage);
      return this;
    }

    /**
     * @param format the answer's format (default text)
     * @return this builder
     */
    public Builder responseFormat(ResponseFormat format) {
      this.responseFormat = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * @param temperature 0 to 2
     * @return this builder
     */
    public Builder temperature(double temperature) {
      if (temperature < 0 || temperature > 2) {
        throw new IllegalArgumentException("temperature must be within 0..2: " + temperature);
      }
      this.temperature = temperature;
      return this;
    }

    /**
     * @param maxTokens a positive limit
     * @return this builder
     */
    public Builder maxTokens(int maxTokens) {
      if (maxTokens <= 0) {
        throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
      }
      this.maxTokens = maxTokens;
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
     * @param model a model id, or null for the configured one
     * @return this builder
     */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /**
     * @param model a model to fall back to
     * @return this builder
     */
    public Builder addFallbackModel(String model) {
      fallbackModels.add(Objects.requireNonNull(model, "model"));
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
     * @throws IllegalStateException if there are no messages
     */
    public ChatRequest build() {
      if (messages.isEmpty()) {
        throw new IllegalStateException("messages: add at least one message");
      }
      return new ChatRequest(this);
    }
  }
}
