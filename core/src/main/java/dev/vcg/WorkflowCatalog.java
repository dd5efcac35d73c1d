package dev.vcg;

import dev.vcg.routing.WorkflowType;
import dev.vcg.workflow.Workflow;
import dev.vcg.workflows.planning.PlanningWorkflows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The planning workflows a gateway routes requests to, by {@link WorkflowType}. This is the
 * extension point of {@link VideoCreationGateway#process}: a workflow registered here for a type
 * runs every request the router sends to that type.
 *
 * <p>The contract of a planning workflow, made by a {@link Factory} from the gateway's
 * {@link GatewayServices}:
 * <ul>
 *   <li>its {@link Workflow#name() name} is the type's name (saved runs are resumed by it);</li>
 *   <li>its input is the {@link GatewayRequest} (read it with {@code ctx.input(GatewayRequest.class)});</li>
 *   <li>its {@link Workflow.Builder#output(String) output} step returns a {@link PlanResult};</li>
 *   <li>it may suspend with questions ({@link dev.vcg.workflow.StepContext#suspend}); the gateway
 *       answers with {@link GatewayResponse.ClarificationNeeded} and
 *       {@link VideoCreationGateway#continueWorkflow} resumes it with the answers;</li>
 *   <li>paid calls reserve their estimate in the run's ledger first ({@code ctx.costs()}).</li>
 * </ul>
 *
 * <p>{@link #standard()} holds the seven built-in planning workflows
 * ({@link PlanningWorkflows}: web extraction, multimodal web + assets, template, asset-centric,
 * complex strategic, simple text, interactive) and whatever {@link WorkflowContributor}s on the
 * class path add. A request routed to a type with no workflow (in a catalog built by hand) is
 * planned by the {@code SIMPLE_TEXT} workflow, with a warning.
 *
 * <pre>{@code
 * WorkflowCatalog catalog = WorkflowCatalog.standard().toBuilder()
 *     .register(WorkflowType.WEB_EXTRACTION, services -> myWebWorkflow(services))
 *     .build();
 * VideoCreationGateway gateway = VideoCreationGateway.builder().catalog(catalog).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class WorkflowCatalog {
  private static volatile WorkflowCatalog standard;

  private final Map<WorkflowType, Factory> factories;

  private WorkflowCatalog(Map<WorkflowType, Factory> factories) {
    this.factories = Collections.unmodifiableMap(new EnumMap<>(factories));
  }

  /**
   * Makes one planning workflow from the gateway's services.
   */
  @FunctionalInterface
  public interface Factory {
    /**
     * @param services the director, providers, asset store and prices of the gateway
     * @return the workflow, named after its type, taking a {@link GatewayRequest} and returning a
     *     {@link PlanResult}
     */
    Workflow create(GatewayServices services);
  }

  /** @return an empty builder */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The seven built-in planning workflows and everything the {@link WorkflowContributor}s on
   * this library's class path add, found once.
   *
   * @return the standard catalog
   */
  public static WorkflowCatalog standard() {
    WorkflowCatalog c = standard;
    if (c == null) {
      synchronized (WorkflowCatalog.class) {
        c = standard;
        if (c == null) {
          Builder b = PlanningWorkflows.register(builder(), UnaryOperator.identity());
          for (WorkflowContributor contributor : ServiceLoader.load(WorkflowContributor.class,
              WorkflowCatalog.class.getClassLoader())) {
            contributor.contribute(b);
          }
          c = b.build();
          standard = c;
        }
      }
    }
    return c;
  }

  /**
   * @param type a planning workflow type
   * @return its factory, if one is registered
   */
  public Optional<Factory> factory(WorkflowType type) {
    return Optional.ofNullable(factories.get(Objects.requireNonNull(type, "type")));
  }

  /** @return the types with a workflow */
  public Set<WorkflowType> types() {
    return factories.keySet();
  }

  /** @return a builder holding these registrations */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.factories.putAll(factories);
    return b;
  }

  @Override
  public String toString() {
    return "WorkflowCatalog" + new ArrayList<>(factories.keySet());
  }

  /** Builds a {@link WorkflowCatalog}. Not thread-safe. */
  public static final class Builder {
    private final Map<WorkflowType, Factory> factories = new EnumMap<>(WorkflowType.class);

    private Builder() {
    }

    /**
     * Registers (or replaces) the workflow for a type.
     *
     * @param type a planning type ({@link WorkflowType#isPlanning()})
     * @param factory makes the workflow
     * @return this builder
     * @throws IllegalArgumentException if the type produces video rather than a plan (the
     *     gateway runs those itself)
     */
    public Builder register(WorkflowType type, Factory factory) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(factory, "factory");
      if (!type.isPlanning()) {
        throw new IllegalArgumentException(type + " produces video; only planning workflows can be registered");
      }
      factories.put(type, factory);
      return this;
    }

    /**
     * @param type a type
     * @return this builder without a workflow for it
     */
    public Builder remove(WorkflowType type) {
      factories.remove(Objects.requireNonNull(type, "type"));
      return this;
    }

    /** @return the types registered so far */
    public List<WorkflowType> types() {
      return List.copyOf(factories.keySet());
    }

    /**
     * @return the catalog
     * @throws IllegalStateException if no {@code SIMPLE_TEXT} workflow is registered (it plans
     *     every request whose own type has none)
     */
    public WorkflowCatalog build() {
      if (!factories.containsKey(WorkflowType.SIMPLE_TEXT)) {
        throw new IllegalStateException("a SIMPLE_TEXT workflow is required: it plans requests whose type has none");
      }
      return new WorkflowCatalog(factories);
    }
  }
}
