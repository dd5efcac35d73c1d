package dev.vcg.projects;

import dev.vcg.WorkflowHandle;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderKind;
import java.util.List;
import java.util.Map;

/**
 * The projects of a gateway ({@link dev.vcg.VideoCreationGateway#projects()}): the seed's
 * lifecycle with a person in the loop.
 *
 * <pre>{@code
 * Projects projects = gateway.projects();
 * Project p = projects.create(NewProject.builder().concept("a forge revealing an emblem").targetDuration(30).build());
 * p = projects.direct(p.id());                          // plan v1, with its cost estimate
 * p = projects.refine(p.id(), "more close-ups of the engraving");   // plan v2
 * p = projects.approve(p.id());                         // locks v2
 * GatewayResponse r = projects.generate(p.id()).await();   // the video
 * ProjectCost cost = projects.cost(p.id());             // estimated vs actual
 * }</pre>
 *
 * <p>Every operation saves the project in the gateway's store before it returns; with a
 * file-backed store projects survive restarts. Operations on one project are serialised; different
 * projects proceed in parallel. Thread-safe.
 */
public interface Projects {
  /**
   * Creates a project (status {@link ProjectStatus#CREATED}).
   *
   * @param spec what it is about and how it is made
   * @return the project
   * @throws dev.vcg.provider.ProviderNotConfiguredException if a provider of the spec is unknown
   */
  Project create(NewProject spec);

  /**
   * @param projectId a project
   * @return it, as it stands now (a generation that ended since is taken into account)
   * @throws ProjectNotFoundException if there is none
   */
  Project get(String projectId);

  /** @return every project in the store, oldest first */
  List<Project> list();

  /**
   * Plans the video with the director (the project's language model, or rules without one): the
   * plan's first version, with its cost estimate for the project's providers. Directing again
   * before approval starts a new history.
   *
   * @param projectId a project
   * @return the project, {@link ProjectStatus#DIRECTED}
   * @throws ProjectNotFoundException if there is none
   * @throws ProjectStateException if the plan is already approved
   * @throws dev.vcg.cost.BudgetExceededException if the project's budget cannot pay for planning
   * @throws dev.vcg.provider.ProviderException if the language model fails
   * @throws dev.vcg.direction.InvalidPlanException if no usable plan could be made
   */
  Project direct(String projectId);

  /**
   * Makes the next version of the plan from feedback.
   *
   * @param projectId a project
   * @param feedback what to change (not blank, at most 10,000 characters)
   * @return the project with the new version
   * @throws ProjectNotFoundException if there is none
   * @throws ProjectStateException if it has no plan yet, or the plan is approved
   * @throws IllegalArgumentException if the feedback is blank or too long
   * @throws dev.vcg.cost.BudgetExceededException if the project's budget cannot pay for planning
   */
  Project refine(String projectId, String feedback);

  /**
   * Approves the latest plan and locks it: it can no longer be refined, and it is what
   * {@link #generate} makes.
   *
   * @param projectId a project
   * @return the project, {@link ProjectStatus#APPROVED}
   * @throws ProjectNotFoundException if there is none
   * @throws ProjectStateException if it has no plan yet or is already approved
   */
  Project approve(String projectId);

  /**
   * Makes the video of the approved plan, and returns at once. Refused before approval, unless the
   * project auto-approves (then the latest plan is approved first, and a project without a plan is
   * directed first). With {@link NewProject#reviewFrames()} it stops with the keyframe stills and
   * the cost to animate them ({@link ProjectStatus#AWAITING_APPROVAL}); {@link #approveFrames}
   * continues. A failed or interrupted generation is continued, not started again: what is done is
   * not paid for twice.
   *
   * @param projectId a project
   * @return the handle of the generation (its id is the run's id)
   * @throws ProjectNotFoundException if there is none
   * @throws ProjectStateException if the plan is not approved (and auto-approve is off), the video
   *     is being made or waits for review, or it is done
   * @throws dev.vcg.provider.ProviderException if the project has no video provider
   */
  WorkflowHandle generate(String projectId);

  /**
   * Approves the stills of a project awaiting approval: the clips are made and the video finished.
   *
   * @param projectId a project
   * @return the handle of the continued generation
   * @throws ProjectNotFoundException if there is none
   * @throws ProjectStateException if it is not awaiting approval
   */
  WorkflowHandle approveFrames(String projectId);

  /**
   * @param projectId a project
   * @return where it stands now
   * @throws ProjectNotFoundException if there is none
   */
  ProjectStatus status(String projectId);

  /**
   * @param projectId a project
   * @return its estimated and actual cost
   * @throws ProjectNotFoundException if there is none
   */
  ProjectCost cost(String projectId);

  /**
   * Gives a project's provider settings again, e.g. its keys after a restart (keys are never
   * saved). Replaces the settings of the kinds given.
   *
   * @param projectId a project
   * @param providers the providers by kind, with their keys
   * @return the project
   * @throws ProjectNotFoundException if there is none
   * @throws dev.vcg.provider.ProviderNotConfiguredException if a provider is unknown
   */
  Project configure(String projectId, Map<ProviderKind, ProviderConfig> providers);

  /**
   * Removes a project from the store (its video and assets stay where they are).
   *
   * @param projectId a project
   * @return whether there was one
   * @throws ProjectStateException if its video is being made
   */
  boolean delete(String projectId);
}
