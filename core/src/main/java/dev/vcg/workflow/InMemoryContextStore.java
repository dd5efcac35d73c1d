package dev.vcg.workflow;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Documents in a map. Thread-safe. */
final class InMemoryContextStore implements ContextStore {
  private final ConcurrentHashMap<String, String> documents = new ConcurrentHashMap<>();

  @Override
  public void save(String runId, String document) {
    documents.put(RunOptions.checkRunId(runId), Objects.requireNonNull(document, "document"));
  }

  @Override
  public Optional<String> load(String runId) {
    return Optional.ofNullable(documents.get(Objects.requireNonNull(runId, "runId")));
  }

  @Override
  public boolean delete(String runId) {
    return documents.remove(Objects.requireNonNull(runId, "runId")) != null;
  }

  @Override
  public Set<String> runIds() {
    return Set.copyOf(documents.keySet());
  }

  @Override
  public String toString() {
    return "ContextStore.inMemory[" + documents.size() + " runs]";
  }
}
