package dev.vcg.projects;

import dev.vcg.VcgException;
import java.util.Objects;

/**
 * The project is not in a state that allows the operation, e.g. generating before the plan is
 * approved, or refining an approved plan (HTTP 409). The message says what to do first.
 */
public class ProjectStateException extends VcgException {
  private static final long serialVersionUID = 1L;

  private final String projectId;
  private final ProjectStatus status;

  /**
   * @param projectId the project
   * @param status its status
   * @param message what was refused and what to do first
   */
  public ProjectStateException(String projectId, ProjectStatus status, String message) {
    super(message);
    this.projectId = Objects.requireNonNull(projectId, "projectId");
    this.status = Objects.requireNonNull(status, "status");
  }

  /** @return the project */
  public String projectId() {
    return projectId;
  }

  /** @return its status when the operation was refused */
  public ProjectStatus status() {
    return status;
  }
}
