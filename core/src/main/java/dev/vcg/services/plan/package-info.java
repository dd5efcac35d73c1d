/**
 * Plan generation: a {@link dev.vcg.services.plan.PlanBrief} (concept, brand, goal, assets,
 * template, facts) turned into a plan by the {@link dev.vcg.direction.AiDirector}, paid for
 * against the run's budget and cached. See {@link dev.vcg.services.plan.PlanGenerator}.
 */
package dev.vcg.services.plan;
