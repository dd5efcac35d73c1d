package dev.vcg;

import dev.vcg.cost.CostEntry;
import dev.vcg.cost.Money;
import dev.vcg.cost.PriceBook;
import dev.vcg.direction.AiDirector;
import dev.vcg.direction.PlanPricing;
import dev.vcg.media.AssetStore;
import dev.vcg.media.FrameExtractor;
import dev.vcg.media.VideoStitcher;
import dev.vcg.media.LocalAssetStore;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.ProviderRegistry;
import dev.vcg.provider.VideoProvider;
import dev.vcg.routing.Router;
import dev.vcg.routing.RoutingDecision;
import dev.vcg.routing.WorkflowType;
import dev.vcg.workflow.Answers;
import dev.vcg.workflow.ContextStore;
import dev.vcg.workflow.Decision;
import dev.vcg.workflow.RunOptions;
import dev.vcg.workflow.RunOutcome;
import dev.vcg.workflow.RunStatus;
import dev.vcg.workflow.Workflow;
import dev.vcg.workflow.WorkflowEngine;
import dev.vcg.workflow.WorkflowEvent;
import dev.vcg.workflow.WorkflowException;
import dev.vcg.workflow.WorkflowListener;
import dev.vcg.workflow.WorkflowMetrics;
import dev.vcg.workflow.WorkflowRun;
import dev.vcg.workflows.generation.DirectedGeneration;
import dev.vcg.workflows.generation.DirectedRequest;
import dev.vcg.workflows.generation.FlowRequest;
import dev.vcg.workflows.generation.GenerationResult;
import dev.vcg.workflows.planning.PlanningAnalytics;
import dev.vcg.workflows.planning.PlanningMetrics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Video Creation Gateway: turns a person's intent into a plan, and a plan into a video.
 *
 * <pre>{@code
 * try (VideoCreationGateway gateway = VideoCreationGateway.builder().build()) {
 *   GenerationResult video = gateway.createVideoAndWait("a lighthouse at dawn, waves crashing",
 *       VideoOptions.builder().seconds(15).output(Path.of("lighthouse.mp4")).build());
 *   System.out.println(video.video() + " cost " + video.totalCost());
 * }
 * }</pre>
 *
 * <h2>What it does</h2>
 * <ul>
 *   <li>{@link #process}/{@link #submit}: routes a {@link GatewayRequest} to a planning workflow
 *       of its {@link WorkflowCatalog} (a plain prompt goes to {@code SIMPLE_TEXT}), which
 *       returns a plan; with {@link GatewayOptions#render()} the plan is then rendered into a
 *       video. A workflow may stop to ask ({@link GatewayResponse.ClarificationNeeded});
 *       {@link #continueWorkflow} answers it. {@link #status} says where a workflow stands,
 *       also after a restart when the store is file-backed.</li>
 *   <li>{@link #createVideo}: the one-call prompt-to-video path.</li>
 *   <li>{@link #projects()}: the project lifecycle of create, direct, refine, approve, generate.</li>
 *   <li>{@link #analytics()}: requests, success rate, step latencies, error kinds, degraded
 *       results, cache hits and spend per workflow type.</li>
 * </ul>
 *
 * <h2>Providers</h2>
 * For each kind of work (LLM, image, video) the provider is chosen by these rules, first match
 * wins: an instance given to the builder; an id given to the builder; the discovered provider
 * ({@link ProviderRegistry#discover()}) that is configured (its key is in the environment, a
 * system property or a {@link Builder#providerConfig ProviderConfig}) with the highest priority;
 * the built-in offline provider. Without a language model plans are made by the rule planner;
 * without keys everything runs offline. {@link #providers()} says what was chosen and why.
 *
 * <h2>Money</h2>
 * Every paid call is reserved against the budget before it is made ({@link Builder#maxCost} and
 * {@link GatewayOptions#maxCost()}, the lower wins); a call that would pass it is not made and
 * the workflow fails with a {@link dev.vcg.cost.BudgetExceededException}.
 *
 * <p>Thread-safe. Close it to stop the threads it made; runs in progress are checkpointed and
 * can be continued by another gateway on the same store.
 */
public final class VideoCreationGateway implements AutoCloseable {
  /** The suffix of the id of the run that renders a workflow's plan: {@code <workflowId>-render}. */
  public static final String RENDER_SUFFIX = "-render";
  /** The question a render waiting for review of its frames asks; answer {@code yes} or {@code no}. */
  public static final String APPROVE = DirectedGeneration.APPROVE;

  /** Run metadata naming why a request was planned by another workflow than the one it routed to. */
  static final String FALLBACK_NOTE = "routing.fallback";
  /** Run metadata naming the workflow type the router chose. */
  static final String ROUTE_WORKFLOW = "routing.workflow";
  /** Run metadata giving the router's reason. */
  static final String ROUTE_REASON = "routing.reason";
  /** The share of a plan-and-render workflow's progress taken by planning. */
  static final double PLAN_SHARE = 0.1;
  private static final int KEPT_HANDLES = 256;
  private static final Logger LOG = LoggerFactory.getLogger(VideoCreationGateway.class);

  private final WorkflowEngine engine;
  private final ProviderRegistry registry;
  private final ProviderSetup providers;
  private final GatewayServices services;
  private final Rendering rendering;
  private final Rendering.Media media;
  private final RuntimeException renderingProblem;
  private final WorkflowCatalog catalog;
  private final Map<WorkflowType, Workflow> planning;
  private final Router router = new Router();
  private final Money maxCost;
  private final Clock clock;
  private final AssetStore assetStore;
  private final ContextStore store;
  private final Executor eventExecutor;
  private final ExecutorService ownedExecutor;
  private final Map<String, WorkflowHandle> handles = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, WorkflowHandle> eldest) {
          return size() > KEPT_HANDLES && eldest.getValue().isDone();
        }
      });
  private final ProjectService projects;
  private final PlanningAnalytics analytics = new PlanningAnalytics();
  private volatile boolean closed;

  private VideoCreationGateway(Builder b) {
    this.clock = b.clock;
    this.maxCost = b.maxCost;
    ProviderRegistry reg = b.registry != null ? b.registry : ProviderRegistry.discover();
    for (ProviderConfig c : b.configs) {
      reg = reg.withConfig(c);
    }
    this.registry = reg;
    this.providers = ProviderSetup.choose(reg, b.wanted());
    PriceBook prices = reg.priceBook().with(b.priceBook);
    this.store = b.store != null ? b.store
        : b.storeDirectory != null ? ContextStore.directory(b.storeDirectory.resolve("runs")) : ContextStore.inMemory();
    this.assetStore = b.assetStore != null ? b.assetStore : LocalAssetStore.create(b.assetDirectory != null
        ? b.assetDirectory : b.storeDirectory != null ? b.storeDirectory.resolve("assets")
        : Path.of(System.getProperty("java.io.tmpdir"), "vcg-assets"));
    AiDirector director = directorFor(providers, prices, clock);
    this.services = new GatewayServices(director, providers.llm, providers.image, providers.video, assetStore, prices,
        clock, providers.choices);
    this.catalog = b.catalog != null ? b.catalog : WorkflowCatalog.standard();
    Map<WorkflowType, Workflow> wfs = new EnumMap<>(WorkflowType.class);
    for (WorkflowType t : catalog.types()) {
      Workflow w = catalog.factory(t).orElseThrow().create(services);
      if (!w.name().equals(t.name())) {
        throw new IllegalStateException("the catalog's " + t + " factory made a workflow named '" + w.name()
            + "'; it must be named " + t.name());
      }
      wfs.put(t, w);
    }
    this.planning = Collections.unmodifiableMap(wfs);
    this.media = new Rendering.Media(b.stitcher, b.frameExtractor);
    Rendering r = null;
    RuntimeException problem = null;
    try {
      r = Rendering.of(providers, assetStore, prices, media);
    } catch (RuntimeException e) {
      problem = e;
    }
    this.rendering = r;
    this.renderingProblem = problem;

    WorkflowEngine.Builder eb = WorkflowEngine.builder().store(store).clock(clock);
    planning.values().forEach(eb::register);
    if (rendering != null) {
      eb.register(rendering.directed.workflow()).register(rendering.flow.workflow());
    }
    if (b.executor != null) {
      eb.executor(b.executor);
      this.eventExecutor = b.executor;
      this.ownedExecutor = null;
    } else {
      AtomicInteger n = new AtomicInteger();
      ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), run -> {
        Thread t = new Thread(run, "vcg-gateway-events-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      pool.allowCoreThreadTimeOut(true);
      this.eventExecutor = pool;
      this.ownedExecutor = pool;
    }
    b.listeners.forEach(eb::listener);
    this.engine = eb.build();
    this.projects = new ProjectService(this);
    LOG.debug("gateway providers: {}", providers.choices);
  }

  /** @return a builder with the defaults described on {@link Builder} */
  public static Builder builder() {
    return new Builder();
  }

  static AiDirector directorFor(ProviderSetup p, PriceBook prices, Clock clock) {
    AiDirector.Builder d = AiDirector.builder().priceBook(prices).clock(clock)
        .imageCapabilities(p.image.capabilities());
    PlanPricing.Builder pricing = PlanPricing.builder().priceBook(prices).image(p.image.id(), p.image.model());
    if (p.llm != null) {
      d.llm(p.llm);
      pricing.llm(p.llm.id(), p.llm.model());
    }
    if (p.video != null) {
      d.videoCapabilities(p.video.capabilities());
      pricing.video(p.video.id(), p.video.model()).videoCapabilities(p.video.capabilities());
    }
    return d.pricing(pricing.build()).build();
  }

  // ------------------------------------------------------------------ the face

  /**
   * Handles a request and waits for the response (see {@link #submit}).
   *
   * @param request what to make
   * @return the response: completed, clarification needed, or failed
   * @throws IllegalArgumentException if the request's workflow id is in use
   * @throws IllegalStateException if the gateway is closed
   * @throws WorkflowException if the calling thread is interrupted (the workflow is cancelled)
   */
  public GatewayResponse process(GatewayRequest request) {
    return submit(request).await();
  }

  /**
   * Starts handling a request and returns at once: routes it to a planning workflow (a vague
   * request to {@code INTERACTIVE} when questions are allowed, a website to
   * {@code WEB_EXTRACTION}, …, a plain prompt to {@code SIMPLE_TEXT}), runs it, and renders the
   * plan when {@link GatewayOptions#render()} is set ({@link GenerationMode#FLOW} renders from the
   * prompt without a plan). Routing decisions are kept in the workflow's decisions.
   *
   * @param request what to make
   * @return the handle: id, events, result
   * @throws IllegalArgumentException if the request's workflow id is in use
   * @throws IllegalStateException if the gateway is closed
   * @throws dev.vcg.provider.ProviderException if rendering in flow mode is asked for and no
   *     video provider is available
   */
  public WorkflowHandle submit(GatewayRequest request) {
    Objects.requireNonNull(request, "request");
    checkOpen();
    String id = request.workflowId().orElseGet(() -> UUID.randomUUID().toString());
    if (request.workflowId().isPresent() && engine.status(id + RENDER_SUFFIX).isPresent()) {
      throw new IllegalArgumentException("workflow id '" + id + "' is already in use; continue that workflow or "
          + "choose another id");
    }
    GatewayOptions options = request.options();
    WorkflowHandle handle = newHandle(id);
    handle.request = request;
    if (options.render() && options.mode() == GenerationMode.FLOW) {
      Rendering r = rendering();
      GatewayInput in = request.input();
      if (in.prompt().isBlank()) {
        throw new InvalidInputException("the request has no prompt; say what the video is about");
      }
      AspectRatio aspect = in.aspectRatio().orElse(AspectRatio.LANDSCAPE_16_9);
      FlowRequest.Builder fr = r.flowRequest(in.prompt(), in.durationSeconds().orElse(SimpleTextWorkflow.DEFAULT_SECONDS),
          r.video.capabilities())
          .style(in.style().orElse(null)).aspectRatio(aspect)
          .frameSize(r.frameSizeFor(options.quality(), aspect)).seed(options.seed().orElse(null))
          .maxCost(cap(options)).output(options.output().orElse(null));
      RunOptions.Builder ro = RunOptions.builder().runId(id)
          .metadata(ROUTE_WORKFLOW, WorkflowType.CONTINUOUS_FLOW.name())
          .metadata(ROUTE_REASON, "mode flow was asked for: one continuous shot, no plan");
      request.userId().ifPresent(ro::userId);
      handle.planType = WorkflowType.CONTINUOUS_FLOW;
      WorkflowRun run = r.flow.start(engine, fr.build(), ro.build());
      follow(handle, run, 0, 1, false);
      return handle;
    }
    RoutingDecision d = router.route(request.input(), options.interactive());
    WorkflowType type = d.workflowType();
    Workflow wf = planning.get(type);
    RunOptions.Builder ro = RunOptions.builder().runId(id)
        .metadata(ROUTE_WORKFLOW, type.name())
        .metadata(ROUTE_REASON, d.reason())
        .metadata("pattern", d.analysis().pattern().name().toLowerCase(Locale.ROOT))
        .metadata("complexity", d.analysis().complexity().name().toLowerCase(Locale.ROOT));
    if (wf == null) {
      wf = planning.get(WorkflowType.SIMPLE_TEXT);
      ro.metadata(FALLBACK_NOTE, type + " has no workflow in this gateway's catalog; planned by SIMPLE_TEXT");
    }
    request.userId().ifPresent(ro::userId);
    Money cap = cap(options);
    if (cap != null) {
      ro.budget(cap);
    }
    handle.planType = WorkflowType.valueOf(wf.name());
    WorkflowRun run = engine.start(wf, request, ro.build());
    follow(handle, run, 0, options.render() ? PLAN_SHARE : 1, options.render());
    return handle;
  }

  /**
   * Answers a workflow's questions and waits for the response (see {@link #continueWorkflowAsync}).
   *
   * @param workflowId the workflow
   * @param answers answers by question id (e.g. {@code approve = yes} for a frame review)
   * @return the response
   * @throws WorkflowException if there is no such workflow, it completed, or it is running here
   * @throws IllegalStateException if the gateway is closed
   */
  public GatewayResponse continueWorkflow(String workflowId, Map<String, String> answers) {
    return continueWorkflowAsync(workflowId, answers).await();
  }

  /**
   * Continues a workflow that is waiting for answers, failed recoverably, timed out polling a job,
   * or was interrupted by a restart (with a file-backed store): its completed steps are kept, a
   * submitted job is polled rather than paid for again, and a plan that completes is rendered
   * when the request asked for it.
   *
   * @param workflowId the workflow
   * @param answers answers by question id; empty to continue without answers
   * @return the handle of the continued workflow
   * @throws WorkflowException if there is no such workflow, it completed, or it is running here
   * @throws IllegalStateException if the gateway is closed
   */
  public WorkflowHandle continueWorkflowAsync(String workflowId, Map<String, String> answers) {
    Objects.requireNonNull(workflowId, "workflowId");
    Answers a = Answers.of(Objects.requireNonNull(answers, "answers"));
    checkOpen();
    WorkflowHandle handle = newHandle(workflowId);
    String renderId = workflowId + RENDER_SUFFIX;
    if (engine.status(renderId).isPresent()) {
      WorkflowRun run = engine.resume(renderId, a);
      handle.planType = WorkflowType.DIRECTED_GENERATION;
      follow(handle, run, PLAN_SHARE, 1 - PLAN_SHARE, false);
      return handle;
    }
    WorkflowRun run = engine.resume(workflowId, a);
    boolean planningRun = !isGeneration(run.workflow());
    handle.planType = WorkflowType.valueOf(run.workflow());
    boolean render = false;
    if (planningRun) {
      handle.request = run.context().input(GatewayRequest.class);
      render = handle.request.options().render();
    }
    follow(handle, run, 0, render ? PLAN_SHARE : 1, render);
    return handle;
  }

  /**
   * Where a workflow stands: running, completed, suspended (waiting for answers), failed,
   * cancelled or timed out; from this gateway if it runs here, else from the store.
   *
   * @param workflowId the workflow
   * @return its status, or empty if neither this gateway nor its store knows it
   * @throws WorkflowException if its saved state cannot be read
   */
  public Optional<RunStatus> status(String workflowId) {
    Objects.requireNonNull(workflowId, "workflowId");
    WorkflowHandle h = handles.get(workflowId);
    if (h != null && !h.isDone()) {
      return Optional.of(RunStatus.RUNNING);
    }
    Optional<RunStatus> render = engine.status(workflowId + RENDER_SUFFIX);
    return render.isPresent() ? render : engine.status(workflowId);
  }

  /**
   * The handle of a workflow started or continued by this gateway (kept while it runs, and for the
   * last {@value #KEPT_HANDLES} finished ones).
   *
   * @param workflowId the workflow
   * @return its handle, if this gateway has it
   */
  public Optional<WorkflowHandle> handle(String workflowId) {
    return Optional.ofNullable(handles.get(Objects.requireNonNull(workflowId, "workflowId")));
  }

  /**
   * Makes a video from a prompt and returns at once: the director plans it (or, in
   * {@link GenerationMode#FLOW}, one continuous shot is made), the frames and clips are generated
   * and stitched into one MP4. Same as {@link #submit} with {@link GatewayOptions#render()} on
   * and questions off.
   *
   * @param prompt what the video shows
   * @param options length, style, quality, mode, budget, output
   * @return the handle: id, events, and a result whose {@link GatewayResponse.Completed#video()}
   *     is the video
   * @throws IllegalArgumentException if the prompt is too long
   * @throws IllegalStateException if the gateway is closed
   */
  public WorkflowHandle createVideo(String prompt, VideoOptions options) {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(options, "options");
    return submit(options.toRequest(prompt));
  }

  /**
   * Makes a video from a prompt and waits for it (see {@link #createVideo}).
   *
   * @param prompt what the video shows
   * @param options length, style, quality, mode, budget, output
   * @return the video: MP4 path, duration, thumbnail, per-shot assets, costs
   * @throws dev.vcg.cost.BudgetExceededException if the budget stopped it (nothing more was paid)
   * @throws dev.vcg.provider.ProviderException if a provider failed
   * @throws InvalidInputException if the prompt is empty
   * @throws VcgException any other failure that stopped it (see {@link GatewayResponse.Failed#error()})
   * @throws WorkflowException if it stopped for a review of its frames ({@link VideoOptions#reviewFrames()})
   */
  public GenerationResult createVideoAndWait(String prompt, VideoOptions options) {
    GatewayResponse r = createVideo(prompt, options).await();
    if (r instanceof GatewayResponse.Completed c) {
      return c.video().orElseThrow(() -> new IllegalStateException("workflow " + c.workflowId() + " made no video"));
    }
    if (r instanceof GatewayResponse.Failed f) {
      throw f.error();
    }
    GatewayResponse.ClarificationNeeded q = (GatewayResponse.ClarificationNeeded) r;
    throw new WorkflowException("workflow " + q.workflowId() + " is waiting: " + q.message()
        + " Continue it with continueWorkflow(id, answers).", null, WorkflowException.Stage.STEP, true, null);
  }

  /**
   * @return the project API: create, direct, refine, approve (locks the plan), generate (with an
   *     optional review of the stills before paying for clips), status and cost of projects, saved
   *     in this gateway's store
   */
  public dev.vcg.projects.Projects projects() {
    return projects;
  }

  /** @return which provider does what, and why (LLM, image, video; video is absent if none is available) */
  public List<ProviderChoice> providers() {
    return providers.choices;
  }

  /** @return the planning workflows this gateway routes to */
  public WorkflowCatalog catalog() {
    return catalog;
  }

  /**
   * What this gateway's workflows did, per workflow type: requests, how they ended, success rate,
   * step latency p50/p95 (overall and per step), error kinds, degraded results (optional services
   * that failed), cache hits and spend. Counts every workflow started or continued through
   * {@link #submit}, {@link #process}, {@link #continueWorkflow} and {@link #createVideo}
   * (renders count under their generation workflow), and is complete for a workflow once its
   * handle has completed.
   *
   * <pre>{@code
   * PlanningMetrics.WorkflowStats web = gateway.analytics().workflow("WEB_EXTRACTION");
   * web.successRate(); web.steps().get("scrape_web").latencyP95(); web.errorKinds(); web.cacheHits();
   * }</pre>
   *
   * @return a snapshot, immutable
   */
  public PlanningMetrics analytics() {
    return analytics.snapshot();
  }

  /**
   * The engine's own health: runs in progress, events dropped by slow listeners, failures by kind
   * for every run of its engine (project runs too). For statistics per workflow type read
   * {@link #analytics()}.
   *
   * @return a snapshot of the engine's metrics
   */
  public WorkflowMetrics metrics() {
    return engine.metrics();
  }

  /**
   * Stops the threads the gateway made. Workflows still running stop advancing; they are
   * checkpointed and can be continued by another gateway on the same store. Their handles
   * complete with a recoverable {@link WorkflowException}.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    engine.close();
    List<WorkflowHandle> open;
    synchronized (handles) {
      open = new ArrayList<>(handles.values());
    }
    for (WorkflowHandle h : open) {
      if (!h.isDone()) {
        h.complete(new GatewayResponse.Failed(h.id(), new WorkflowException("the gateway was closed while workflow "
            + h.id() + " ran; continue it with continueWorkflow on a gateway with the same store", null,
            WorkflowException.Stage.CANCEL, true, null), h.earlierCosts, h.earlierDecisions));
      }
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
    }
  }

  @Override
  public String toString() {
    return "VideoCreationGateway[" + providers.choices + ", " + catalog + ", " + store + "]";
  }

  // ------------------------------------------------------------------ internals

  WorkflowEngine engine() {
    return engine;
  }

  ProviderRegistry registry() {
    return registry;
  }

  ProviderSetup providerSetup() {
    return providers;
  }

  GatewayServices services() {
    return services;
  }

  ContextStore store() {
    return store;
  }

  Clock clock() {
    return clock;
  }

  Money maxCost() {
    return maxCost;
  }

  AssetStore assetStore() {
    return assetStore;
  }

  Rendering.Media media() {
    return media;
  }

  Rendering rendering() {
    if (rendering == null) {
      throw renderingProblem instanceof VcgException v ? v
          : new IllegalStateException("no video can be made: " + renderingProblem, renderingProblem);
    }
    return rendering;
  }

  void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the gateway is closed");
    }
  }

  WorkflowHandle newHandle(String id) {
    WorkflowHandle h = new WorkflowHandle(id, new ReplayPublisher<>(eventExecutor, 4096, 65_536,
        e -> e instanceof WorkflowEvent.StepProgress));
    h.startedAt = clock.instant();
    return h;
  }

  private Money cap(GatewayOptions options) {
    return Rendering.min(maxCost, options.maxCost().orElse(null));
  }

  static boolean isGeneration(String workflow) {
    return workflow.equals(WorkflowType.DIRECTED_GENERATION.name()) || workflow.equals(WorkflowType.CONTINUOUS_FLOW.name());
  }

  /**
   * Relays a run's events into the handle (scaled into its share of the progress) and decides what
   * happens when it ends. A run that hands over to a render does not show its {@code RunCompleted}.
   */
  void follow(WorkflowHandle handle, WorkflowRun run, double base, double span, boolean handsOver) {
    handle.attach(run);
    handles.put(handle.id(), handle);
    run.events().subscribe(new Flow.Subscriber<>() {
      private boolean ended;

      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(WorkflowEvent e) {
        analytics.onEvent(e);
        if (handsOver && e instanceof WorkflowEvent.RunCompleted) {
          return;
        }
        WorkflowEvent scaled = ScaledEvents.scale(e, base, span);
        handle.progress(scaled.progress());
        handle.publisher().publish(scaled);
      }

      @Override
      public void onError(Throwable t) {
        end();
      }

      @Override
      public void onComplete() {
        end();
      }

      private void end() {
        if (ended) {
          return;
        }
        ended = true;
        run.result().whenComplete((outcome, error) -> {
          try {
            ended(handle, outcome, error, handsOver);
          } catch (RuntimeException e) {
            LOG.debug("workflow {} could not be finished", handle.id(), e);
            handle.complete(new GatewayResponse.Failed(handle.id(), e instanceof VcgException v ? v
                : new WorkflowException("workflow " + handle.id() + " failed: " + e, null, WorkflowException.Stage.STEP,
                    false, e), handle.earlierCosts, handle.earlierDecisions));
          }
        });
      }
    });
  }

  private void ended(WorkflowHandle handle, RunOutcome outcome, Throwable error, boolean handsOver) {
    if (outcome == null) {
      handle.complete(new GatewayResponse.Failed(handle.id(), new WorkflowException("workflow " + handle.id()
          + " ended abnormally: " + error, null, WorkflowException.Stage.STEP, false, error), handle.earlierCosts,
          handle.earlierDecisions));
      return;
    }
    if (handsOver && outcome.status() == RunStatus.COMPLETED) {
      PlanResult plan = outcome.output(PlanResult.class).orElseThrow(() -> new WorkflowException("workflow "
          + handle.id() + " (" + outcome.workflow() + ") completed without a PlanResult; a planning workflow's output "
          + "step must return one", null, WorkflowException.Stage.STEP, false, null));
      handle.plan = plan;
      handle.planMetadata = outcome.context().metadata();
      handle.planSteps = outcome.context().completedSteps().size();
      handle.earlierCosts = new ArrayList<>(outcome.context().costs().entries());
      handle.earlierDecisions = decisionsOf(outcome);
      if (handle.isCancelled()) {
        handle.complete(failed(handle, outcome, new WorkflowException("workflow " + handle.id()
            + " was cancelled before its plan was rendered", null, WorkflowException.Stage.CANCEL, false, null)));
        return;
      }
      GatewayRequest request = handle.request != null ? handle.request : outcome.context().input(GatewayRequest.class);
      WorkflowRun render;
      try {
        render = startRender(handle.id(), request, plan, outcome.context().costs().total());
      } catch (VcgException e) {
        handle.publisher().publish(new WorkflowEvent.RunFailed(handle.id() + RENDER_SUFFIX, clock.instant(),
            handle.progress(), "", e.getClass().getSimpleName(), e.getMessage(), false));
        handle.complete(failed(handle, outcome, e));
        return;
      }
      follow(handle, render, PLAN_SHARE, 1 - PLAN_SHARE, false);
      return;
    }
    handle.complete(respond(handle, outcome));
  }

  private WorkflowRun startRender(String id, GatewayRequest request, PlanResult plan, Money spent) {
    Rendering r = rendering();
    GatewayOptions o = request.options();
    AspectRatio aspect = request.input().aspectRatio().orElse(AspectRatio.LANDSCAPE_16_9);
    Money cap = cap(o);
    DirectedRequest.Builder dr = DirectedRequest.builder().direction(plan.plan()).aspectRatio(aspect)
        .frameSize(r.frameSizeFor(o.quality(), aspect)).seed(o.seed().orElse(null))
        .maxCost(cap == null ? null : cap.minusOrZero(spent)).output(o.output().orElse(null))
        .reviewFrames(o.reviewFrames());
    RunOptions.Builder ro = RunOptions.builder().runId(id + RENDER_SUFFIX).metadata("gateway.workflow", id);
    request.userId().ifPresent(ro::userId);
    return r.directed.start(engine, dr.build(), ro.build());
  }

  private GatewayResponse respond(WorkflowHandle handle, RunOutcome o) {
    List<CostEntry> costs = new ArrayList<>(handle.earlierCosts);
    costs.addAll(o.context().costs().entries());
    List<Decision> decisions = new ArrayList<>(handle.earlierDecisions);
    decisions.addAll(decisionsOf(o));
    boolean generation = isGeneration(o.workflow());
    switch (o.status()) {
      case COMPLETED -> {
        Map<String, String> metadata = new LinkedHashMap<>(handle.planMetadata);
        metadata.putAll(o.context().metadata());
        int steps = handle.planSteps + o.context().completedSteps().size();
        metadata.put("stepsExecuted", String.valueOf(steps));
        PlanResult plan = generation ? handle.plan : o.output(PlanResult.class).orElseThrow(() ->
            new WorkflowException("workflow " + handle.id() + " (" + o.workflow() + ") completed without a PlanResult; "
                + "a planning workflow's output step must return one", null, WorkflowException.Stage.STEP, false, null));
        if (plan != null) {
          metadata.putAll(plan.metadata());
          metadata.put("confidence", String.valueOf(plan.confidence()));
        }
        GenerationResult video = generation ? GenerationResult.from(o) : null;
        WorkflowType type = handle.planType != null ? handle.planType : WorkflowType.valueOf(o.workflow());
        return new GatewayResponse.Completed(handle.id(), type, plan, video, costs, decisions, metadata,
            Duration.between(handle.startedAt, clock.instant()));
      }
      case SUSPENDED -> {
        return new GatewayResponse.ClarificationNeeded(handle.id(), o.suspension().orElseThrow(), costs, decisions);
      }
      default -> {
        return new GatewayResponse.Failed(handle.id(), errorOf(o, generation), costs, decisions);
      }
    }
  }

  private GatewayResponse.Failed failed(WorkflowHandle handle, RunOutcome o, VcgException e) {
    return new GatewayResponse.Failed(handle.id(), e, o.context().costs().entries(), decisionsOf(o));
  }

  /**
   * A run's decisions, led by the gateway's routing decision (kept in the run's metadata from its
   * start, so it survives restarts).
   */
  static List<Decision> decisionsOf(RunOutcome o) {
    List<Decision> all = new ArrayList<>();
    Map<String, String> meta = o.context().metadata();
    String type = meta.get(ROUTE_WORKFLOW);
    if (type != null) {
      all.add(new Decision("", "route to " + type, meta.getOrDefault(ROUTE_REASON, ""), o.context().startedAt()));
      if (meta.containsKey(FALLBACK_NOTE)) {
        all.add(new Decision("", "plan with " + o.workflow(), meta.get(FALLBACK_NOTE), o.context().startedAt()));
      }
    }
    all.addAll(o.context().decisions());
    return all;
  }

  /** The typed error behind a run that did not complete: the provider, budget or input error first. */
  static VcgException errorOf(RunOutcome o, boolean generation) {
    if (generation) {
      try {
        GenerationResult.from(o);
      } catch (VcgException e) {
        return e;
      }
    }
    if (o.status() == RunStatus.FAILED && o.failure().isPresent()) {
      WorkflowException failure = o.failure().get();
      for (Throwable t = failure.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
        if (t instanceof VcgException v && !(t instanceof WorkflowException)) {
          return v;
        }
      }
      return failure;
    }
    try {
      o.orThrow();
    } catch (WorkflowException e) {
      return e;
    }
    return new WorkflowException("run " + o.runId() + " ended " + o.status(), null, WorkflowException.Stage.STEP,
        false, null);
  }

  /**
   * Builds a {@link VideoCreationGateway}. Every setting is optional:
   * <ul>
   *   <li>providers: discovered with {@link ProviderRegistry#discover()}, chosen by the rules on
   *       {@link VideoCreationGateway} (offline when nothing is configured);</li>
   *   <li>store: in memory ({@link #storeDirectory} or {@link #store} to keep workflows and
   *       projects across restarts);</li>
   *   <li>assets: {@code <storeDirectory>/assets}, else {@code ${java.io.tmpdir}/vcg-assets};</li>
   *   <li>executor: virtual threads on Java 21+, else a bounded pool; clock: UTC; no budget.</li>
   * </ul>
   * Not thread-safe.
   */
  public static final class Builder {
    private ProviderRegistry registry;
    private final List<ProviderConfig> configs = new ArrayList<>();
    private LlmProvider llm;
    private ImageProvider image;
    private VideoProvider video;
    private String llmId;
    private String imageId;
    private String videoId;
    private ContextStore store;
    private Path storeDirectory;
    private Path assetDirectory;
    private AssetStore assetStore;
    private Executor executor;
    private final List<WorkflowListener> listeners = new ArrayList<>();
    private Money maxCost;
    private Clock clock = Clock.systemUTC();
    private PriceBook priceBook = PriceBook.EMPTY;
    private WorkflowCatalog catalog;
    private VideoStitcher stitcher;
    private FrameExtractor frameExtractor;

    private Builder() {
    }

    /**
     * @param registry the provider factories to choose from (default {@link ProviderRegistry#discover()});
     *     pass {@code ProviderRegistry.discover().withEnvironment(..)} to read keys from elsewhere
     * @return this builder
     */
    public Builder providers(ProviderRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "providers");
      return this;
    }

    /**
     * @param config explicit settings (key, base URL, model) for one provider; they win over the
     *     environment and system properties. A key given here makes the provider configured.
     * @return this builder
     */
    public Builder providerConfig(ProviderConfig config) {
      configs.add(Objects.requireNonNull(config, "providerConfig"));
      return this;
    }

    /**
     * @param provider the language model to plan with (wins over any id or discovery)
     * @return this builder
     */
    public Builder llmProvider(LlmProvider provider) {
      this.llm = Objects.requireNonNull(provider, "llmProvider");
      return this;
    }

    /**
     * @param provider the image provider (wins over any id or discovery)
     * @return this builder
     */
    public Builder imageProvider(ImageProvider provider) {
      this.image = Objects.requireNonNull(provider, "imageProvider");
      return this;
    }

    /**
     * @param provider the video provider (wins over any id or discovery)
     * @return this builder
     */
    public Builder videoProvider(VideoProvider provider) {
      this.video = Objects.requireNonNull(provider, "videoProvider");
      return this;
    }

    /**
     * @param id the id of the language-model provider to use, e.g. {@code openrouter}
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder llmProviderId(String id) {
      this.llmId = checkId(id, "llmProviderId");
      return this;
    }

    /**
     * @param id the id of the image provider to use, e.g. {@code fal} or {@code local}
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder imageProviderId(String id) {
      this.imageId = checkId(id, "imageProviderId");
      return this;
    }

    /**
     * @param id the id of the video provider to use, e.g. {@code runway} or {@code local}
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder videoProviderId(String id) {
      this.videoId = checkId(id, "videoProviderId");
      return this;
    }

    /**
     * @param store where workflows and projects are checkpointed (default in memory)
     * @return this builder
     */
    public Builder store(ContextStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * A file-backed store: workflows in {@code <directory>/runs}, projects among them, and assets
     * in {@code <directory>/assets} unless an asset directory is given.
     *
     * @param directory the directory (created if missing)
     * @return this builder
     */
    public Builder storeDirectory(Path directory) {
      this.storeDirectory = Objects.requireNonNull(directory, "storeDirectory").toAbsolutePath().normalize();
      return this;
    }

    /**
     * @param directory where frames, clips and videos are kept, one sub-directory per run
     * @return this builder
     */
    public Builder assetDirectory(Path directory) {
      this.assetDirectory = Objects.requireNonNull(directory, "assetDirectory").toAbsolutePath().normalize();
      return this;
    }

    /**
     * @param store where frames, clips and videos are kept (wins over {@link #assetDirectory})
     * @return this builder
     */
    public Builder assetStore(AssetStore store) {
      this.assetStore = Objects.requireNonNull(store, "assetStore");
      return this;
    }

    /**
     * @param executor runs steps and delivers events (default: virtual threads on Java 21+, else a
     *     bounded pool); the caller keeps ownership
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * @param listener receives the events of every run (per run, as the engine reports them)
     * @return this builder
     */
    public Builder listener(WorkflowListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * @param maxCost the most any one workflow may spend; a request's own cap applies too (the
     *     lower wins)
     * @return this builder
     */
    public Builder maxCost(Money maxCost) {
      this.maxCost = Objects.requireNonNull(maxCost, "maxCost");
      return this;
    }

    /**
     * @param clock the time for events, decisions and projects (default UTC)
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @param book prices that win over the providers' list prices (e.g. negotiated ones, or the
     *     prices of provider instances given directly)
     * @return this builder
     */
    public Builder priceBook(PriceBook book) {
      this.priceBook = Objects.requireNonNull(book, "priceBook");
      return this;
    }

    /**
     * @param catalog the planning workflows to route to (default {@link WorkflowCatalog#standard()})
     * @return this builder
     */
    public Builder catalog(WorkflowCatalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /**
     * @param stitcher joins clips into the video (default: the one on the class path, found with
     *     {@link dev.vcg.media.MediaServices#stitcher()} when first needed)
     * @return this builder
     */
    public Builder stitcher(VideoStitcher stitcher) {
      this.stitcher = Objects.requireNonNull(stitcher, "stitcher");
      return this;
    }

    /**
     * @param extractor takes thumbnails and last frames (default: the one on the class path)
     * @return this builder
     */
    public Builder frameExtractor(FrameExtractor extractor) {
      this.frameExtractor = Objects.requireNonNull(extractor, "frameExtractor");
      return this;
    }

    private static String checkId(String id, String name) {
      Objects.requireNonNull(id, name);
      if (id.isBlank()) {
        throw new IllegalArgumentException(name + " is blank");
      }
      return id.strip();
    }

    Map<ProviderKind, ProviderSetup.Wanted> wanted() {
      Map<ProviderKind, ProviderSetup.Wanted> m = new EnumMap<>(ProviderKind.class);
      m.put(ProviderKind.LLM, new ProviderSetup.Wanted(llm, llmId));
      m.put(ProviderKind.IMAGE, new ProviderSetup.Wanted(image, imageId));
      m.put(ProviderKind.VIDEO, new ProviderSetup.Wanted(video, videoId));
      return m;
    }

    /**
     * Chooses the providers and builds the gateway.
     *
     * @return the gateway
     * @throws IllegalStateException if both an instance and an id are given for one kind
     *     ({@code llmProvider}/{@code llmProviderId}, …), or both {@code store} and
     *     {@code storeDirectory}
     * @throws dev.vcg.provider.ProviderNotConfiguredException if an explicit provider id is
     *     unknown or its key is missing, naming the artifact or variable to add
     */
    public VideoCreationGateway build() {
      if (llm != null && llmId != null) {
        throw new IllegalStateException("give llmProvider or llmProviderId, not both");
      }
      if (image != null && imageId != null) {
        throw new IllegalStateException("give imageProvider or imageProviderId, not both");
      }
      if (video != null && videoId != null) {
        throw new IllegalStateException("give videoProvider or videoProviderId, not both");
      }
      if (store != null && storeDirectory != null) {
        throw new IllegalStateException("give store or storeDirectory, not both");
      }
      return new VideoCreationGateway(this);
    }
  }
}
