package dev.vcg;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to the gateway: what the person brings ({@link GatewayInput}) and how to handle
 * it ({@link GatewayOptions}), optionally with the id the workflow should have and the user it
 * belongs to. It is the input of every planning workflow (read it with
 * {@code ctx.input(GatewayRequest.class)}).
 *
 * <pre>{@code
 * GatewayRequest request = GatewayRequest.builder()
 *     .input(GatewayInput.builder().prompt("Create a video about renewable energy").durationSeconds(30).build())
 *     .options(GatewayOptions.builder().quality(Quality.DRAFT).build())
 *     .build();
 * }</pre>
 *
 * <p>Immutable, thread-safe and serialisable with the library's JSON mapper.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonDeserialize(builder = GatewayRequest.Builder.class)
public final class GatewayRequest {
  private final GatewayInput input;
  private final GatewayOptions options;
  private final String workflowId;
  private final String userId;

  private GatewayRequest(Builder b) {
    this.input = b.input;
    this.options = b.options;
    this.workflowId = b.workflowId;
    this.userId = b.userId;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @param prompt what the video is about
   * @return a request with only a prompt and default options
   * @throws IllegalArgumentException if the prompt is too long
   */
  public static GatewayRequest ofPrompt(String prompt) {
    return builder().input(GatewayInput.ofPrompt(prompt)).build();
  }

  /** @return what the person brings */
  public GatewayInput input() {
    return input;
  }

  /** @return how to handle it */
  public GatewayOptions options() {
    return options;
  }

  /** @return the id the workflow should have, if chosen by the caller (else a random one) */
  public Optional<String> workflowId() {
    return Optional.ofNullable(workflowId);
  }

  /** @return the user the request belongs to, if known */
  public Optional<String> userId() {
    return Optional.ofNullable(userId);
  }

  /** @return a builder holding these values */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.input = input;
    b.options = options;
    b.workflowId = workflowId;
    b.userId = userId;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GatewayRequest r && r.input.equals(input) && r.options.equals(options)
        && Objects.equals(r.workflowId, workflowId) && Objects.equals(r.userId, userId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(input, options, workflowId, userId);
  }

  @Override
  public String toString() {
    return "GatewayRequest[" + input + ", " + options + (workflowId == null ? "" : ", id=" + workflowId) + "]";
  }

  /** Builds a {@link GatewayRequest}. Not thread-safe. */
  @JsonPOJOBuilder(withPrefix = "")
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static final class Builder {
    private GatewayInput input;
    private GatewayOptions options = GatewayOptions.defaults();
    private String workflowId;
    private String userId;

    private Builder() {
    }

    /**
     * @param input what the person brings (required)
     * @return this builder
     */
    public Builder input(GatewayInput input) {
      this.input = Objects.requireNonNull(input, "input");
      return this;
    }

    /**
     * @param options how to handle it (default {@link GatewayOptions#defaults()})
     * @return this builder
     */
    public Builder options(GatewayOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * @param workflowId the workflow's id: 1–100 letters, digits, {@code . _ -}, not starting with
     *     {@code .} or {@code project-} and not ending with {@value VideoCreationGateway#RENDER_SUFFIX}; must
     *     not be in use
     * @return this builder
     * @throws IllegalArgumentException if the id breaks these rules
     */
    public Builder workflowId(String workflowId) {
      this.workflowId = checkWorkflowId(workflowId);
      return this;
    }

    /**
     * @param userId the user the request belongs to
     * @return this builder
     */
    public Builder userId(String userId) {
      this.userId = Objects.requireNonNull(userId, "userId");
      return this;
    }

    /**
     * @return the request
     * @throws IllegalStateException if the input is missing
     */
    public GatewayRequest build() {
      if (input == null) {
        throw new IllegalStateException("input is required");
      }
      return new GatewayRequest(this);
    }
  }

  static String checkWorkflowId(String id) {
    Objects.requireNonNull(id, "workflowId");
    if (id.isEmpty() || id.length() > 100 || !id.matches("[A-Za-z0-9._-]+") || id.startsWith(".")
        || id.endsWith(VideoCreationGateway.RENDER_SUFFIX) || id.startsWith(ProjectService.PREFIX)) {
      throw new IllegalArgumentException("workflowId must be 1-100 letters, digits, '.', '_' or '-', not start with "
          + "'.', not end with '" + VideoCreationGateway.RENDER_SUFFIX + "' and not start with '"
          + ProjectService.PREFIX + "': '"
          + id.replaceAll("[^\\x20-\\x7e]", "?") + "'");
    }
    return id;
  }
}
