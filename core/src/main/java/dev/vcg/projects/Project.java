package dev.vcg.projects;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import dev.vcg.Quality;
import dev.vcg.cost.CostEntry;
import dev.vcg.cost.CostEstimate;
import dev.vcg.cost.Money;
import dev.vcg.direction.DirectionHistory;
import dev.vcg.direction.DirectionResult;
import dev.vcg.direction.VideoStyle;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.ProviderKind;
import dev.vcg.workflows.generation.GenerationResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a project: what it is about, its provider settings (never keys), the plan's
 * versions and the approved one, the generation run, the video, the stills awaiting approval,
 * and the costs of planning. Returned by every {@link Projects} operation; the project itself
 * lives in the gateway's store.
 *
 * <p>Immutable, thread-safe and serialisable with the library's JSON mapper (the form it is saved
 * in). The builder is for that and for tests; projects are created with
 * {@link Projects#create(NewProject)}.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonDeserialize(builder = Project.Builder.class)
public final class Project {
  private final String id;
  private final String name;
  private final String concept;
  private final VideoStyle style;
  private final double targetDuration;
  private final AspectRatio aspectRatio;
  private final Quality quality;
  private final List<ProviderSettings> providers;
  private final Money maxCost;
  private final boolean autoApprove;
  private final boolean reviewFrames;
  private final ProjectStatus status;
  private final DirectionHistory history;
  private final Integer approvedVersion;
  private final String runId;
  private final GenerationResult video;
  private final FrameReview review;
  private final String failure;
  private final List<CostEntry> planningCosts;
  private final List<CostEntry> generationCosts;
  private final Instant createdAt;
  private final Instant updatedAt;

  private Project(Builder b) {
    this.id = b.id;
    this.name = b.name;
    this.concept = b.concept;
    this.style = b.style;
    this.targetDuration = b.targetDuration;
    this.aspectRatio = b.aspectRatio;
    this.quality = b.quality;
    this.providers = List.copyOf(b.providers);
    this.maxCost = b.maxCost;
    this.autoApprove = b.autoApprove;
    this.reviewFrames = b.reviewFrames;
    this.status = b.status;
    this.history = b.history;
    this.approvedVersion = b.approvedVersion;
    this.runId = b.runId;
    this.video = b.video;
    this.review = b.review;
    this.failure = b.failure;
    this.planningCosts = List.copyOf(b.planningCosts);
    this.generationCosts = List.copyOf(b.generationCosts);
    this.createdAt = b.createdAt;
    this.updatedAt = b.updatedAt;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the project's id */
  public String id() {
    return id;
  }

  /** @return its name */
  public String name() {
    return name;
  }

  /** @return what the video is about */
  public String concept() {
    return concept;
  }

  /** @return the visual style, if chosen */
  public Optional<VideoStyle> style() {
    return Optional.ofNullable(style);
  }

  /** @return the wanted length in seconds */
  public double targetDuration() {
    return targetDuration;
  }

  /** @return the aspect ratio */
  public AspectRatio aspectRatio() {
    return aspectRatio;
  }

  /** @return the quality the video is made at */
  public Quality quality() {
    return quality;
  }

  /** @return the project's own providers (never their keys); kinds not listed use the gateway's */
  public List<ProviderSettings> providers() {
    return providers;
  }

  /**
   * @param kind a kind of work
   * @return the project's own provider for it, if it has one
   */
  public Optional<ProviderSettings> provider(ProviderKind kind) {
    return providers.stream().filter(p -> p.kind() == kind).findFirst();
  }

  /** @return the most the project may spend, if capped */
  public Optional<Money> maxCost() {
    return Optional.ofNullable(maxCost);
  }

  /** @return whether generating approves the latest plan itself */
  public boolean autoApprove() {
    return autoApprove;
  }

  /** @return whether generation stops with the stills for approval before paying for clips */
  public boolean reviewFrames() {
    return reviewFrames;
  }

  /** @return where it stands, as of this snapshot */
  public ProjectStatus status() {
    return status;
  }

  /** @return every version of the plan, if directed */
  public Optional<DirectionHistory> history() {
    return Optional.ofNullable(history);
  }

  /** @return the latest version of the plan, if directed */
  public Optional<DirectionResult> direction() {
    return history().map(DirectionHistory::latest);
  }

  /** @return the approved (locked) version of the plan, if approved */
  public Optional<DirectionResult> approvedDirection() {
    return approvedVersion == null || history == null ? Optional.empty() : history.version(approvedVersion);
  }

  /** @return the estimate of the latest plan for the project's providers, if directed */
  public Optional<CostEstimate> estimate() {
    return approvedDirection().or(this::direction).flatMap(d -> d.direction().costEstimate());
  }

  /** @return the run that makes (or made) the video, if generation started */
  public Optional<String> runId() {
    return Optional.ofNullable(runId);
  }

  /** @return the video, when completed */
  public Optional<GenerationResult> video() {
    return Optional.ofNullable(video);
  }

  /** @return the stills and the cost to animate them, when awaiting approval */
  public Optional<FrameReview> review() {
    return Optional.ofNullable(review);
  }

  /** @return why generation failed, when failed */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /** @return what planning (the director's language-model calls) cost, call by call */
  public List<CostEntry> planningCosts() {
    return planningCosts;
  }

  /**
   * @return what generation spent, call by call, as of the last time the run stopped (completed,
   *     awaiting approval or failed); a run in progress reports its own costs
   */
  public List<CostEntry> generationCosts() {
    return generationCosts;
  }

  /** @return when it was created */
  public Instant createdAt() {
    return createdAt;
  }

  /** @return when it last changed */
  public Instant updatedAt() {
    return updatedAt;
  }

  /** @return a builder holding these values */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.name = name;
    b.concept = concept;
    b.style = style;
    b.targetDuration = targetDuration;
    b.aspectRatio = aspectRatio;
    b.quality = quality;
    b.providers.addAll(providers);
    b.maxCost = maxCost;
    b.autoApprove = autoApprove;
    b.reviewFrames = reviewFrames;
    b.status = status;
    b.history = history;
    b.approvedVersion = approvedVersion;
    b.runId = runId;
    b.video = video;
    b.review = review;
    b.failure = failure;
    b.planningCosts.addAll(planningCosts);
    b.generationCosts.addAll(generationCosts);
    b.createdAt = createdAt;
    b.updatedAt = updatedAt;
    return b;
  }

  @Override
  public String toString() {
    return "Project[" + id + ", " + name + ", " + status + direction().map(d -> ", plan v" + d.version()).orElse("")
        + (approvedVersion == null ? "" : ", approved v" + approvedVersion) + video().map(v -> ", " + v.video())
        .orElse("") + "]";
  }

  /** Builds a {@link Project}. Not thread-safe. */
  @JsonPOJOBuilder(withPrefix = "")
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static final class Builder {
    private String id;
    private String name;
    private String concept;
    private VideoStyle style;
    private double targetDuration = 30;
    private AspectRatio aspectRatio = AspectRatio.LANDSCAPE_16_9;
    private Quality quality = Quality.STANDARD;
    private final List<ProviderSettings> providers = new ArrayList<>();
    private Money maxCost;
    private boolean autoApprove;
    private boolean reviewFrames;
    private ProjectStatus status = ProjectStatus.CREATED;
    private DirectionHistory history;
    private Integer approvedVersion;
    private String runId;
    private GenerationResult video;
    private FrameReview review;
    private String failure;
    private final List<CostEntry> planningCosts = new ArrayList<>();
    private final List<CostEntry> generationCosts = new ArrayList<>();
    private Instant createdAt;
    private Instant updatedAt;

    private Builder() {
    }

    /**
     * @param id the project's id (required)
     * @return this builder
     */
    public Builder id(String id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    /**
     * @param name the name (required)
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * @param concept what the video is about (required)
     * @return this builder
     */
    public Builder concept(String concept) {
      this.concept = Objects.requireNonNull(concept, "concept");
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
     * @param seconds the wanted length
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder targetDuration(double seconds) {
      if (!(seconds > 0)) {
        throw new IllegalArgumentException("targetDuration must be positive: " + seconds);
      }
      this.targetDuration = seconds;
      return this;
    }

    /**
     * @param ratio the aspect ratio
     * @return this builder
     */
    public Builder aspectRatio(AspectRatio ratio) {
      this.aspectRatio = Objects.requireNonNull(ratio, "aspectRatio");
      return this;
    }

    /**
     * @param quality the quality
     * @return this builder
     */
    public Builder quality(Quality quality) {
      this.quality = Objects.requireNonNull(quality, "quality");
      return this;
    }

    /**
     * @param providers the project's own providers (replaces any set before)
     * @return this builder
     */
    public Builder providers(List<ProviderSettings> providers) {
      List<ProviderSettings> copy = new ArrayList<>();
      Objects.requireNonNull(providers, "providers").forEach(p -> copy.add(Objects.requireNonNull(p, "provider")));
      this.providers.clear();
      this.providers.addAll(copy);
      return this;
    }

    /**
     * @param maxCost the cap, or null
     * @return this builder
     */
    public Builder maxCost(Money maxCost) {
      this.maxCost = maxCost;
      return this;
    }

    /**
     * @param autoApprove whether generating approves the latest plan itself
     * @return this builder
     */
    public Builder autoApprove(boolean autoApprove) {
      this.autoApprove = autoApprove;
      return this;
    }

    /**
     * @param reviewFrames whether generation stops with the stills for approval
     * @return this builder
     */
    public Builder reviewFrames(boolean reviewFrames) {
      this.reviewFrames = reviewFrames;
      return this;
    }

    /**
     * @param status where it stands
     * @return this builder
     */
    public Builder status(ProjectStatus status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    /**
     * @param history the plan's versions, or null
     * @return this builder
     */
    public Builder history(DirectionHistory history) {
      this.history = history;
      return this;
    }

    /**
     * @param version the approved version, or null
     * @return this builder
     */
    public Builder approvedVersion(Integer version) {
      this.approvedVersion = version;
      return this;
    }

    /**
     * @param runId the generation run, or null
     * @return this builder
     */
    public Builder runId(String runId) {
      this.runId = runId;
      return this;
    }

    /**
     * @param video the video, or null
     * @return this builder
     */
    public Builder video(GenerationResult video) {
      this.video = video;
      return this;
    }

    /**
     * @param review the stills awaiting approval, or null
     * @return this builder
     */
    public Builder review(FrameReview review) {
      this.review = review;
      return this;
    }

    /**
     * @param failure why generation failed, or null
     * @return this builder
     */
    public Builder failure(String failure) {
      this.failure = failure;
      return this;
    }

    /**
     * @param costs what planning cost (replaces any set before)
     * @return this builder
     */
    public Builder planningCosts(List<CostEntry> costs) {
      List<CostEntry> copy = new ArrayList<>();
      Objects.requireNonNull(costs, "planningCosts").forEach(c -> copy.add(Objects.requireNonNull(c, "cost")));
      this.planningCosts.clear();
      this.planningCosts.addAll(copy);
      return this;
    }

    /**
     * @param costs what generation spent (replaces any set before)
     * @return this builder
     */
    public Builder generationCosts(List<CostEntry> costs) {
      List<CostEntry> copy = new ArrayList<>();
      Objects.requireNonNull(costs, "generationCosts").forEach(c -> copy.add(Objects.requireNonNull(c, "cost")));
      this.generationCosts.clear();
      this.generationCosts.addAll(copy);
      return this;
    }

    /**
     * @param at when it was created (required)
     * @return this builder
     */
    public Builder createdAt(Instant at) {
      this.createdAt = Objects.requireNonNull(at, "createdAt");
      return this;
    }

    /**
     * @param at when it last changed (required)
     * @return this builder
     */
    public Builder updatedAt(Instant at) {
      this.updatedAt = Objects.requireNonNull(at, "updatedAt");
      return this;
    }

    /**
     * @return the snapshot
     * @throws IllegalStateException naming the first missing field of id, name, concept,
     *     createdAt, updatedAt, or if the approved version is not in the history
     */
    public Project build() {
      for (Object[] f : new Object[][] {{"id", id}, {"name", name}, {"concept", concept}, {"createdAt", createdAt},
          {"updatedAt", updatedAt}}) {
        if (f[1] == null) {
          throw new IllegalStateException(f[0] + " is required");
        }
      }
      if (approvedVersion != null && (history == null || history.version(approvedVersion).isEmpty())) {
        throw new IllegalStateException("approvedVersion " + approvedVersion + " is not in the history");
      }
      return new Project(this);
    }
  }
}
