/**
 * Projects: the seed's lifecycle of a video, step by step, with a person in the loop.
 *
 * <pre>
 * create → direct → (refine …) → approve → generate → [review stills → approveFrames] → video
 * </pre>
 *
 * <p>Start from {@link dev.vcg.VideoCreationGateway#projects()}. A project keeps its concept,
 * style, length, aspect ratio and its own provider settings (bring your own key), the director's
 * plan versions, the approved plan, the generation run and its video, and what was estimated and
 * spent. Projects are saved in the gateway's store after every change; API keys never are: keys
 * given with a project live in memory only, and after a restart are taken from the environment
 * or given again with {@link dev.vcg.projects.Projects#configure}.
 */
package dev.vcg.projects;
