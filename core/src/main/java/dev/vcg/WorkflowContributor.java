package dev.vcg;

/**
 * Adds planning workflows to every gateway's {@link WorkflowCatalog#standard() standard
 * catalog}. Found with {@link java.util.ServiceLoader}: list implementations in
 * {@code META-INF/services/dev.vcg.WorkflowContributor}. They have a public no-argument
 * constructor that does no I/O. Contributors run in class-path order after the built-in
 * workflows; a later registration for a workflow type replaces an earlier one.
 *
 * <pre>{@code
 * public final class AcmeWorkflows implements WorkflowContributor {
 *   public void contribute(WorkflowCatalog.Builder catalog) {
 *     catalog.register(WorkflowType.WEB_EXTRACTION, services -> AcmeWeb.workflow(services));
 *   }
 * }
 * }</pre>
 */
public interface WorkflowContributor {
  /**
   * Registers workflows.
   *
   * @param catalog the catalog being built
   */
  void contribute(WorkflowCatalog.Builder catalog);
}
