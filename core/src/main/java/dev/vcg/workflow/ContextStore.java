package dev.vcg.workflow;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Where runs are checkpointed: one JSON document per run id, replaced after every step. The
 * engine writes the document (never containing an {@link dev.vcg.provider.ApiKey}: keys are
 * written as {@code null}); a store only keeps it. Implement this to keep runs in a database.
 *
 * <p>Implementations must be thread-safe; the engine never saves the same run from two threads at
 * once, but saves different runs concurrently. A save must be atomic: after a crash, a load
 * returns either the previous or the new document, never a mix.
 */
public interface ContextStore {
  /**
   * Replaces the document of a run.
   *
   * @param runId the run (letters, digits, {@code . _ -})
   * @param document the JSON document
   * @throws WorkflowException with stage {@link WorkflowException.Stage#CHECKPOINT} if it cannot
   *     be saved
   */
  void save(String runId, String document);

  /**
   * Reads the document of a run.
   *
   * @param runId the run
   * @return the document, or empty if the store has none for this id
   * @throws CorruptCheckpointException if the document exists but cannot be read
   */
  Optional<String> load(String runId);

  /**
   * Removes a run.
   *
   * @param runId the run
   * @return whether there was one
   * @throws WorkflowException if it exists but cannot be removed
   */
  boolean delete(String runId);

  /**
   * @return the ids of all stored runs
   * @throws WorkflowException if the store cannot be listed
   */
  Set<String> runIds();

  /** @return a new store that keeps documents in memory (lost when the process ends) */
  static ContextStore inMemory() {
    return new InMemoryContextStore();
  }

  /**
   * A store that keeps one file, {@code <runId>.json}, per run in a directory, written
   * atomically (temporary file in the same directory, fsync, atomic rename). An unreadable file
   * affects only its run.
   *
   * @param directory the directory; created if missing
   * @return the store
   * @throws WorkflowException if the directory cannot be created
   */
  static ContextStore directory(Path directory) {
    return new FileContextStore(directory);
  }
}
