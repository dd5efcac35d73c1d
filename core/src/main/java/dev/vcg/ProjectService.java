package dev.vcg;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vcg.cost.CostEntry;
import dev.vcg.cost.CostLedger;
import dev.vcg.cost.Money;
import dev.vcg.direction.AiDirector;
import dev.vcg.direction.DirectionHistory;
import dev.vcg.direction.DirectionResult;
import dev.vcg.direction.DirectorInput;
import dev.vcg.internal.Json;
import dev.vcg.media.MediaRef;
import dev.vcg.projects.FrameReview;
import dev.vcg.projects.NewProject;
import dev.vcg.projects.Project;
import dev.vcg.projects.ProjectCost;
import dev.vcg.projects.ProjectNotFoundException;
import dev.vcg.projects.ProjectStateException;
import dev.vcg.projects.ProjectStatus;
import dev.vcg.projects.Projects;
import dev.vcg.projects.ProviderSettings;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderKind;
import dev.vcg.routing.WorkflowType;
import dev.vcg.workflow.ContextStore;
import dev.vcg.workflow.CorruptCheckpointException;
import dev.vcg.workflow.RunOptions;
import dev.vcg.workflow.RunStatus;
import dev.vcg.workflow.WorkflowRun;
import dev.vcg.workflows.generation.DirectedRequest;
import dev.vcg.workflows.generation.GenerationResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The projects of one gateway, saved as JSON documents ({@code project-<id>}) in the gateway's
 * {@link ContextStore} next to its runs. Keys given with a project are kept in this object only.
 * Operations on one project hold its lock; thread-safe.
 */
final class ProjectService implements Projects {
  static final String PREFIX = "project-";
  private static final String RUN_INFIX = "-video-";

  private final VideoCreationGateway gateway;
  private final ContextStore store;
  /** Full provider configs (with keys) by project: memory only. */
  private final Map<String, Map<ProviderKind, ProviderConfig>> configs = new ConcurrentHashMap<>();
  private final Map<String, ProviderSetup> setups = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  ProjectService(VideoCreationGateway gateway) {
    this.gateway = gateway;
    this.store = gateway.store();
  }

  // ------------------------------------------------------------------ lifecycle

  @Override
  public Project create(NewProject spec) {
    Objects.requireNonNull(spec, "spec");
    gateway.checkOpen();
    String id = UUID.randomUUID().toString();
    Map<ProviderKind, ProviderConfig> own = new EnumMap<>(ProviderKind.class);
    own.putAll(spec.providers());
    ProviderSetup setup = ProviderSetup.override(gateway.providerSetup(), gateway.registry(), own);
    List<ProviderSettings> settings = new ArrayList<>();
    own.forEach((k, c) -> settings.add(ProviderSettings.of(k, c)));
    Project p = Project.builder().id(id).name(spec.name()).concept(spec.concept()).style(spec.style().orElse(null))
        .targetDuration(spec.targetDuration()).aspectRatio(spec.aspectRatio()).quality(spec.quality())
        .providers(settings).maxCost(spec.maxCost().orElse(null)).autoApprove(spec.autoApprove())
        .reviewFrames(spec.reviewFrames()).status(ProjectStatus.CREATED)
        .createdAt(gateway.clock().instant()).updatedAt(gateway.clock().instant()).build();
    if (!own.isEmpty()) {
      configs.put(id, own);
      setups.put(id, setup);
    }
    save(p);
    return p;
  }

  @Override
  public Project get(String projectId) {
    synchronized (lock(projectId)) {
      return reconcile(load(projectId));
    }
  }

  @Override
  public List<Project> list() {
    List<Project> all = new ArrayList<>();
    for (String key : store.runIds()) {
      if (key.startsWith(PREFIX)) {
        try {
          all.add(get(key.substring(PREFIX.length())));
        } catch (ProjectNotFoundException e) {
          // Deleted meanwhile.
        }
      }
    }
    all.sort(Comparator.comparing(Project::createdAt).thenComparing(Project::id));
    return all;
  }

  @Override
  public Project direct(String projectId) {
    synchronized (lock(projectId)) {
      Project p = reconcile(load(projectId));
      if (p.approvedDirection().isPresent()) {
        throw new ProjectStateException(p.id(), p.status(), "project " + p.id() + " has an approved plan (v"
            + p.approvedDirection().get().version() + "), which is locked; create a new project to plan again");
      }
      return save(directed(p));
    }
  }

  private Project directed(Project p) {
    AiDirector director = directorOf(p);
    DirectorInput.Builder in = DirectorInput.builder().concept(p.concept()).targetDuration(p.targetDuration())
        .aspectRatio(p.aspectRatio()).style(p.style().orElse(null));
    List<CostEntry> costs = new ArrayList<>(p.planningCosts());
    DirectionResult r = paid(p, director, costs, "plan", () -> director.direct(in.build()));
    return p.toBuilder().history(DirectionHistory.of(r)).status(ProjectStatus.DIRECTED).planningCosts(costs)
        .updatedAt(gateway.clock().instant()).build();
  }

  @Override
  public Project refine(String projectId, String feedback) {
    Objects.requireNonNull(feedback, "feedback");
    synchronized (lock(projectId)) {
      Project p = reconcile(load(projectId));
      if (p.history().isEmpty()) {
        throw new ProjectStateException(p.id(), p.status(), "project " + p.id() + " has no plan to refine yet; "
            + "direct it first");
      }
      if (p.approvedDirection().isPresent()) {
        throw new ProjectStateException(p.id(), p.status(), "project " + p.id() + " has an approved plan (v"
            + p.approvedDirection().get().version() + "), which is locked; it cannot be refined");
      }
      AiDirector director = directorOf(p);
      DirectionHistory history = p.history().get();
      List<CostEntry> costs = new ArrayList<>(p.planningCosts());
      DirectionResult r = paid(p, director, costs, "refine v" + (history.latest().version() + 1),
          () -> director.refine(history.latest(), feedback));
      return save(p.toBuilder().history(history.with(r)).planningCosts(costs).status(ProjectStatus.DIRECTED)
          .updatedAt(gateway.clock().instant()).build());
    }
  }

  /** Calls the director within the project's budget: reserve the estimate, record what it cost. */
  private DirectionResult paid(Project p, AiDirector director, List<CostEntry> costs, String what,
                               Supplier<DirectionResult> call) {
    Optional<LlmProvider> llm = director.llm();
    if (llm.isEmpty()) {
      return call.get();
    }
    Money cap = budgetOf(p);
    CostLedger ledger = cap == null ? new CostLedger() : new CostLedger(cap);
    costs.forEach(ledger::record);
    p.generationCosts().forEach(ledger::record);
    LlmProvider model = llm.get();
    CostLedger.Reservation r = ledger.reserve(SimpleTextWorkflow.planningEstimate(gateway.services().priceBook(),
        model), what + " of project " + p.id() + " with " + model.id() + "/" + model.model());
    DirectionResult result;
    try {
      result = call.get();
    } catch (RuntimeException e) {
      r.release();
      throw e;
    }
    costs.add(r.settle(model.id(), result.model().orElse(model.model()), ProviderKind.LLM, result.llmCost(), what,
        gateway.clock().instant()));
    return result;
  }

  @Override
  public Project approve(String projectId) {
    synchronized (lock(projectId)) {
      Project p = reconcile(load(projectId));
      return save(approved(p));
    }
  }

  private Project approved(Project p) {
    if (p.history().isEmpty()) {
      throw new ProjectStateException(p.id(), p.status(), "project " + p.id() + " has no plan to approve; "
          + "direct it first");
    }
    if (p.approvedDirection().isPresent()) {
      throw new ProjectStateException(p.id(), p.status(), "project " + p.id() + " is already approved (v"
          + p.approvedDirection().get().version() + ")");
    }
    return p.toBuilder().approvedVersion(p.history().get().latest().version()).status(ProjectStatus.APPROVED)
        .updatedAt(gateway.clock().instant()).build();
  }

  @Override
  public WorkflowHandle generate(String projectId) {
    synchronized (lock(projectId)) {
      gateway.checkOpen();
      Project p = reconcile(load(projectId));
      switch (p.status()) {
        case CREATED, DIRECTED -> {
          if (!p.autoApprove()) {
            throw new ProjectStateException(p.id(), p.status(), "project " + p.id() + " cannot be generated before "
                + "its plan is approved: " + (p.history().isEmpty() ? "direct it, then approve it" : "approve it")
                + " (or create it with autoApprove)");
          }
          if (p.history().isEmpty()) {
            p = directed(p);
          }
          p = save(approved(p));
          return start(p);
        }
        case APPROVED -> {
          return start(p);
        }
        case GENERATING -> throw new ProjectStateException(p.id(), p.status(), "the video of project " + p.id()
            + " is being made (run " + p.runId().orElse("?") + ")");
        case AWAITING_APPROVAL -> throw new ProjectStateException(p.id(), p.status(), "project " + p.id()
            + " is waiting for approval of its stills; approve them with approveFrames");
        case COMPLETED -> throw new ProjectStateException(p.id(), p.status(), "the video of project " + p.id()
            + " is made: " + p.video().map(GenerationResult::video).map(Path::toString).orElse("(in run "
            + p.runId().orElse("?") + ")"));
        default -> {
          return p.runId().isPresent() && gateway.engine().status(p.runId().get()).map(RunStatus::isResumable)
              .orElse(false) ? resume(p, Map.of()) : start(p);
        }
      }
    }
  }

  @Override
  public WorkflowHandle approveFrames(String projectId) {
    synchronized (lock(projectId)) {
      gateway.checkOpen();
      Project p = reconcile(load(projectId));
      if (p.status() != ProjectStatus.AWAITING_APPROVAL) {
        throw new ProjectStateException(p.id(), p.status(), "project " + p.id() + " is not waiting for approval of "
            + "stills (it is " + p.status() + ")");
      }
      return resume(p, Map.of(VideoCreationGateway.APPROVE, "yes"));
    }
  }

  private WorkflowHandle start(Project p) {
    DirectionResult plan = p.approvedDirection().orElseThrow();
    Rendering r = renderingOf(p);
    Money cap = budgetOf(p);
    Money spent = Money.ZERO;
    for (CostEntry e : p.planningCosts()) {
      spent = spent.plus(e.amount());
    }
    for (CostEntry e : p.generationCosts()) {
      spent = spent.plus(e.amount());
    }
    int attempt = p.runId().map(id -> Integer.parseInt(id.substring(id.lastIndexOf('-') + 1)) + 1).orElse(1);
    String runId = p.id() + RUN_INFIX + attempt;
    DirectedRequest request = DirectedRequest.builder().direction(plan.direction()).aspectRatio(p.aspectRatio())
        .frameSize(r.frameSizeFor(p.quality(), p.aspectRatio())).maxCost(cap == null ? null : cap.minusOrZero(spent))
        .reviewFrames(p.reviewFrames()).build();
    WorkflowHandle handle = handleFor(p, runId);
    WorkflowRun run = r.directed.start(gateway.engine(), request, RunOptions.builder().runId(runId)
        .metadata("project", p.id()).build());
    save(p.toBuilder().runId(runId).status(ProjectStatus.GENERATING).review(null).failure(null)
        .updatedAt(gateway.clock().instant()).build());
    gateway.follow(handle, run, 0, 1, false);
    return handle;
  }

  private WorkflowHandle resume(Project p, Map<String, String> answers) {
    String runId = p.runId().orElseThrow();
    Rendering r = renderingOf(p);
    WorkflowHandle handle = handleFor(p, runId);
    WorkflowRun run = r.directed.resume(gateway.engine(), runId, dev.vcg.workflow.Answers.of(answers));
    save(p.toBuilder().status(ProjectStatus.GENERATING).review(null).failure(null)
        .updatedAt(gateway.clock().instant()).build());
    gateway.follow(handle, run, 0, 1, false);
    return handle;
  }

  private WorkflowHandle handleFor(Project p, String runId) {
    WorkflowHandle handle = gateway.newHandle(runId);
    handle.planType = WorkflowType.DIRECTED_GENERATION;
    String id = p.id();
    handle.beforeComplete = response -> recordEnd(id, response);
    return handle;
  }

  /** Saves how a generation run stopped, before anyone waiting for it sees the response. */
  private void recordEnd(String projectId, GatewayResponse response) {
    synchronized (lock(projectId)) {
      Project p;
      try {
        p = load(projectId);
      } catch (ProjectNotFoundException e) {
        return;
      }
      Project.Builder b = p.toBuilder().generationCosts(response.costs()).updatedAt(gateway.clock().instant());
      if (response instanceof GatewayResponse.Completed c && c.video().isPresent()) {
        b.status(ProjectStatus.COMPLETED).video(c.video().get()).review(null).failure(null);
      } else if (response instanceof GatewayResponse.ClarificationNeeded q) {
        b.status(ProjectStatus.AWAITING_APPROVAL).review(review(q.attributes())).failure(null);
      } else if (response instanceof GatewayResponse.Failed f) {
        b.status(ProjectStatus.FAILED).failure(f.error().getClass().getSimpleName() + ": " + f.message());
      }
      save(b.build());
    }
  }

  static FrameReview review(Map<String, String> attributes) {
    TreeMap<Integer, MediaRef> frames = new TreeMap<>();
    attributes.forEach((k, v) -> {
      if (k.startsWith("frame-")) {
        try {
          frames.put(Integer.parseInt(k.substring("frame-".length())), MediaRef.file(Path.of(v)));
        } catch (NumberFormatException e) {
          // Not a frame.
        }
      }
    });
    Money toAnimate = Optional.ofNullable(attributes.get("costToAnimate")).map(Money::usd).orElse(Money.ZERO);
    return new FrameReview(new ArrayList<>(frames.values()), toAnimate);
  }

  @Override
  public ProjectStatus status(String projectId) {
    return get(projectId).status();
  }

  @Override
  public ProjectCost cost(String projectId) {
    Project p = get(projectId);
    List<CostEntry> generation = p.generationCosts();
    if (p.status() == ProjectStatus.GENERATING && p.runId().isPresent()) {
      Optional<WorkflowRun> live = gateway.engine().activeRun(p.runId().get());
      if (live.isPresent()) {
        generation = live.get().context().costs().entries();
      }
    }
    return ProjectCost.of(p, generation);
  }

  @Override
  public Project configure(String projectId, Map<ProviderKind, ProviderConfig> providers) {
    Objects.requireNonNull(providers, "providers");
    synchronized (lock(projectId)) {
      Project p = load(projectId);
      Map<ProviderKind, ProviderConfig> own = new EnumMap<>(ProviderKind.class);
      own.putAll(savedConfigs(p));
      own.putAll(providers);
      ProviderSetup setup = ProviderSetup.override(gateway.providerSetup(), gateway.registry(), own);
      configs.put(p.id(), own);
      setups.put(p.id(), setup);
      List<ProviderSettings> settings = new ArrayList<>();
      own.forEach((k, c) -> settings.add(ProviderSettings.of(k, c)));
      return save(p.toBuilder().providers(settings).updatedAt(gateway.clock().instant()).build());
    }
  }

  @Override
  public boolean delete(String projectId) {
    synchronized (lock(projectId)) {
      Optional<Project> p = find(projectId);
      if (p.isEmpty()) {
        return false;
      }
      if (reconcile(p.get()).status() == ProjectStatus.GENERATING) {
        throw new ProjectStateException(projectId, ProjectStatus.GENERATING, "the video of project " + projectId
            + " is being made; wait for it or cancel its handle first");
      }
      configs.remove(projectId);
      setups.remove(projectId);
      return store.delete(PREFIX + projectId);
    }
  }

  // ------------------------------------------------------------------ internals

  private Object lock(String projectId) {
    Objects.requireNonNull(projectId, "projectId");
    return locks.computeIfAbsent(projectId, k -> new Object());
  }

  /** The status a snapshot should show, given what the engine knows of its run. */
  private Project reconcile(Project p) {
    if (p.status() != ProjectStatus.GENERATING || p.runId().isEmpty()) {
      return p;
    }
    String runId = p.runId().get();
    Optional<WorkflowHandle> h = gateway.handle(runId);
    if (h.isPresent() && !h.get().isDone()) {
      return p;
    }
    Optional<RunStatus> s = gateway.engine().status(runId);
    if (s.isEmpty()) {
      return p;
    }
    return switch (s.get()) {
      case SUSPENDED -> p.toBuilder().status(ProjectStatus.AWAITING_APPROVAL).build();
      case COMPLETED -> p.toBuilder().status(ProjectStatus.COMPLETED).build();
      case RUNNING -> p.toBuilder().status(ProjectStatus.FAILED).failure("generation was interrupted (run "
          + runId + "); generate again to continue it without paying twice").build();
      default -> p.toBuilder().status(ProjectStatus.FAILED).failure(p.failure().orElse("generation stopped ("
          + s.get() + "); generate again to continue it")).build();
    };
  }

  private Money budgetOf(Project p) {
    return Rendering.min(gateway.maxCost(), p.maxCost().orElse(null));
  }

  private Map<ProviderKind, ProviderConfig> savedConfigs(Project p) {
    Map<ProviderKind, ProviderConfig> m = configs.get(p.id());
    if (m != null) {
      return m;
    }
    Map<ProviderKind, ProviderConfig> fromSettings = new EnumMap<>(ProviderKind.class);
    p.providers().forEach(s -> fromSettings.put(s.kind(), s.toConfig()));
    return fromSettings;
  }

  private ProviderSetup setupOf(Project p) {
    ProviderSetup s = setups.get(p.id());
    if (s != null) {
      return s;
    }
    s = ProviderSetup.override(gateway.providerSetup(), gateway.registry(), savedConfigs(p));
    setups.put(p.id(), s);
    return s;
  }

  private AiDirector directorOf(Project p) {
    ProviderSetup s = setupOf(p);
    return s == gateway.providerSetup() ? gateway.services().director()
        : VideoCreationGateway.directorFor(s, gateway.services().priceBook(), gateway.clock());
  }

  private Rendering renderingOf(Project p) {
    ProviderSetup s = setupOf(p);
    return s == gateway.providerSetup() ? gateway.rendering()
        : Rendering.of(s, gateway.assetStore(), gateway.services().priceBook(), gateway.media());
  }

  private Project load(String projectId) {
    return find(projectId).orElseThrow(() -> new ProjectNotFoundException(projectId));
  }

  private Optional<Project> find(String projectId) {
    Objects.requireNonNull(projectId, "projectId");
    if (!projectId.matches("[A-Za-z0-9._-]{1,100}") || projectId.startsWith(".")) {
      return Optional.empty();
    }
    Optional<String> doc = store.load(PREFIX + projectId);
    if (doc.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.mapper().readValue(doc.get(), Project.class));
    } catch (JsonProcessingException | IllegalArgumentException | IllegalStateException e) {
      throw new CorruptCheckpointException(PREFIX + projectId, "the saved project " + projectId + " cannot be read: "
          + e.getMessage() + ". Restore it from a backup or delete it.", e);
    }
  }

  private Project save(Project p) {
    try {
      store.save(PREFIX + p.id(), Json.mapper().writeValueAsString(p));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("project " + p.id() + " cannot be written as JSON: " + e.getMessage(), e);
    }
    return p;
  }
}
