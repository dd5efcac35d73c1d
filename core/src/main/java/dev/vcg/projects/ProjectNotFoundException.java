package dev.vcg.projects;

import dev.vcg.VcgException;
import java.util.Objects;

/** There is no project with the given id in the gateway's store (HTTP 404). */
public class ProjectNotFoundException extends VcgException {
  private static final long serialVersionUID = 1L;

  private final String projectId;

  /**
   * @param projectId the id that was asked for
   */
  public ProjectNotFoundException(String projectId) {
    super("There is no project '" + Objects.requireNonNull(projectId, "projectId")
        + "'. Check the id, and that the gateway uses the store the project was created in.");
    this.projectId = projectId;
  }

  /** @return the id that was asked for */
  public String projectId() {
    return projectId;
  }
}
