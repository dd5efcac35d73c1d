package dev.vcg.direction;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import dev.vcg.cost.Money;
import dev.vcg.provider.TokenUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a plan made by {@link AiDirector}: the plan, what was changed while checking it,
 * what it cost to make, and where it came from (the input, the feedback that led to it).
 *
 * <p>Immutable and thread-safe; reads and writes JSON, so a project can keep its versions.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonDeserialize(builder = DirectionResult.Builder.class)
public final class DirectionResult {
  private final int version;
  private final VideoDirection direction;
  private final DirectorInput input;
  private final List<String> warnings;
  private final String feedback;
  private final DirectionSource source;
  private final String model;
  private final Money llmCost;
  private final TokenUsage usage;
  private final int llmCalls;
  private final int repairRounds;
  private final Instant createdAt;

  private DirectionResult(Builder b) {
    this.version = b.version;
    this.direction = b.direction;
    this.input = b.input;
    this.warnings = List.copyOf(b.warnings);
    this.feedback = b.feedback;
    this.source = b.source;
    this.model = b.model;
    this.llmCost = b.llmCost;
    this.usage = b.usage;
    this.llmCalls = b.llmCalls;
    this.repairRounds = b.repairRounds;
    this.createdAt = b.createdAt;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the version number, 1 for the first plan, one more for each refinement */
  public int version() {
    return version;
  }

  /** @return the plan */
  public VideoDirection direction() {
    return direction;
  }

  /** @return what the plan was made from (for a refinement: the input as the feedback left it) */
  public DirectorInput input() {
    return input;
  }

  /** @return what was changed or could not be honoured while checking the plan */
  public List<String> warnings() {
    return warnings;
  }

  /** @return the feedback that led to this version (absent for the first) */
  public Optional<String> feedback() {
    return Optional.ofNullable(feedback);
  }

  /** @return who made the plan */
  public DirectionSource source() {
    return source;
  }

  /** @return the model that answered, for plans made by a language model */
  public Optional<String> model() {
    return Optional.ofNullable(model);
  }

  /** @return what the language model calls cost (reported by the provider, else from the price book) */
  public Money llmCost() {
    return llmCost;
  }

  /** @return tokens used by all calls together */
  public TokenUsage usage() {
    return usage;
  }

  /** @return how many chat calls were made (1 plus the repair rounds; 0 offline) */
  public int llmCalls() {
    return llmCalls;
  }

  /** @return how many times the answer was sent back for repair */
  public int repairRounds() {
    return repairRounds;
  }

  /** @return when the plan was made */
  public Instant createdAt() {
    return createdAt;
  }

  /** @return a builder holding this result's values */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.version = version;
    b.direction = direction;
    b.input = input;
    b.warnings.addAll(warnings);
    b.feedback = feedback;
    b.source = source;
    b.model = model;
    b.llmCost = llmCost;
    b.usage = usage;
    b.llmCalls = llmCalls;
    b.repairRounds = repairRounds;
    b.createdAt = createdAt;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DirectionResult r && version == r.version && direction.equals(r.direction)
        && input.equals(r.input) && warnings.equals(r.warnings) && Objects.equals(feedback, r.feedback)
        && source == r.source && Objects.equals(model, r.model) && llmCost.equals(r.llmCost) && usage.equals(r.usage)
        && llmCalls == r.llmCalls && repairRounds == r.repairRounds && createdAt.equals(r.createdAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, direction, input, warnings, feedback, source, model, llmCost, usage, llmCalls,
        repairRounds, createdAt);
  }

  @Override
  public String toString() {
    return "DirectionResult[version=" + version + ", title=" + direction.title() + ", shots=" + direction.shots().size()
        + ", duration=" + direction.totalDuration() + ", source=" + source.wireName() + ", llmCost=" + llmCost
        + ", repairRounds=" + repairRounds + ", warnings=" + warnings.size() + "]";
  }

  /** Builds a {@link DirectionResult}. Not thread-safe. */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder {
    private int version = 1;
    private VideoDirection direction;
    private DirectorInput input;
    private final List<String> warnings = new ArrayList<>();
    private String feedback;
    private DirectionSource source = DirectionSource.LLM;
    private String model;
    private Money llmCost = Money.ZERO;
    private TokenUsage usage = TokenUsage.NONE;
    private int llmCalls;
    private int repairRounds;
    private Instant createdAt;

    private Builder() {
    }

    /**
     * @param version 1 or more (default 1)
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder version(int version) {
      if (version < 1) {
        throw new IllegalArgumentException("version must be 1 or more, got " + version);
      }
      this.version = version;
      return this;
    }

    /**
     * @param direction the plan (required)
     * @return this builder
     */
    public Builder direction(VideoDirection direction) {
      this.direction = Objects.requireNonNull(direction, "direction");
      return this;
    }

    /**
     * @param input what the plan was made from (required)
     * @return this builder
     */
    public Builder input(DirectorInput input) {
      this.input = Objects.requireNonNull(input, "input");
      return this;
    }

    /**
     * @param warnings the warnings, replacing any given before
     * @return this builder
     */
    public Builder warnings(List<String> warnings) {
      this.warnings.clear();
      Objects.requireNonNull(warnings, "warnings").forEach(w -> this.warnings.add(Objects.requireNonNull(w, "warning")));
      return this;
    }

    /**
     * @param feedback the feedback that led to this version, or null
     * @return this builder
     */
    public Builder feedback(String feedback) {
      this.feedback = feedback;
      return this;
    }

    /**
     * @param source who made the plan (default {@link DirectionSource#LLM})
     * @return this builder
     */
    public Builder source(DirectionSource source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * @param model the model that answered, or null
     * @return this builder
     */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /**
     * @param cost what the chat calls cost (default zero)
     * @return this builder
     */
    public Builder llmCost(Money cost) {
      this.llmCost = Objects.requireNonNull(cost, "cost");
      return this;
    }

    /**
     * @param usage tokens used (default none)
     * @return this builder
     */
    public Builder usage(TokenUsage usage) {
      this.usage = Objects.requireNonNull(usage, "usage");
      return this;
    }

    /**
     * @param calls chat calls made, 0 or more
     * @return this builder
     */
    public Builder llmCalls(int calls) {
      if (calls < 0) {
        throw new IllegalArgumentException("llmCalls cannot be negative");
      }
      this.llmCalls = calls;
      return this;
    }

    /**
     * @param rounds repair rounds, 0 or more
     * @return this builder
     */
    public Builder repairRounds(int rounds) {
      if (rounds < 0) {
        throw new IllegalArgumentException("repairRounds cannot be negative");
      }
      this.repairRounds = rounds;
      return this;
    }

    /**
     * @param at when the plan was made (required)
     * @return this builder
     */
    public Builder createdAt(Instant at) {
      this.createdAt = Objects.requireNonNull(at, "at");
      return this;
    }

    /**
     * @return the result
     * @throws IllegalStateException naming a missing field
     */
    public DirectionResult build() {
      if (direction == null) {
        throw new IllegalStateException("direction is required");
      }
      if (input == null) {
        throw new IllegalStateException("input is required");
      }
      if (createdAt == null) {
        throw new IllegalStateException("createdAt is required");
      }
      return new DirectionResult(this);
    }
  }
}
