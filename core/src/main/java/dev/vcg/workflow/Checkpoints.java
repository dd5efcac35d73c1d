package dev.vcg.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcg.cost.CostLedger;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads the checkpoint document that {@link Run} writes. Format 1:
 * <pre>
 * { "format": 1, "runId", "workflow", "status", "userId"?, "startedAt", "savedAt", "progress",
 *   "input": any, "data": { name: any }, "metadata": { k: v }, "decisions": [Decision],
 *   "costs": CostLedger, "answers": { step: Answers }, "suspension"?: { "step", "details" },
 *   "failure"?: { "step"?, "stage", "message", "recoverable" },
 *   "steps": { path: { "state", "attempts", "startedAt"?, "finishedAt"?, "errorKind"?, "error"?,
 *                      "job"?, "submitting"?, "jobSubmittedAt"?, "lastPolledAt"?, "jobProgress"? } } }
 * </pre>
 */
final class Checkpoints {
  static final int FORMAT = 1;

  private Checkpoints() {
  }

  /** The saved state of one step. */
  record SavedStep(Node.State state, int attempts, String errorKind, String error, JsonNode job, boolean submitting,
                   Instant jobSubmittedAt) {
  }

  /** A run read back from its document. */
  record Restored(String workflow, RunStatus status, WorkflowContext context, Map<String, SavedStep> steps,
                  double progress, String suspendedStep) {
  }

  static Restored read(String runId, String document) {
    JsonNode d;
    try {
      d = Codec.read(document);
    } catch (IOException e) {
      throw corrupt(runId, "is not valid JSON (" + e.getClass().getSimpleName() + ")", e);
    }
    if (d == null || !d.isObject()) {
      throw corrupt(runId, "is not a JSON object", null);
    }
    try {
      int format = d.path("format").asInt(-1);
      if (format != FORMAT) {
        throw corrupt(runId, "has format " + d.path("format") + "; this version reads format " + FORMAT, null);
      }
      if (!runId.equals(text(d, "runId"))) {
        throw corrupt(runId, "belongs to run '" + d.path("runId").asText() + "'", null);
      }
      String workflow = text(d, "workflow");
      RunStatus status = RunStatus.valueOf(text(d, "status"));
      Instant startedAt = Instant.parse(text(d, "startedAt"));
      String userId = d.hasNonNull("userId") ? d.get("userId").asText() : null;
      JsonNode input = d.get("input");
      CostLedger ledger = d.hasNonNull("costs") ? Codec.MAPPER.treeToValue(d.get("costs"), CostLedger.class)
          : new CostLedger();
      WorkflowContext ctx = new WorkflowContext(runId, workflow, userId, startedAt, null,
          input == null || input.isNull() ? null : input, ledger);
      for (Iterator<Map.Entry<String, JsonNode>> it = d.path("data").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        ctx.putEntry(e.getKey(), new WorkflowContext.Entry(null, null, e.getValue()));
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = d.path("metadata").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        ctx.putMetadata(e.getKey(), e.getValue().asText());
      }
      for (JsonNode j : d.path("decisions")) {
        ctx.addDecision(Codec.MAPPER.treeToValue(j, Decision.class));
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = d.path("answers").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        ctx.putAnswers(e.getKey(), Codec.MAPPER.treeToValue(e.getValue(), Answers.class));
      }
      Map<String, SavedStep> steps = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = d.path("steps").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode s = e.getValue();
        JsonNode job = s.get("job");
        steps.put(e.getKey(), new SavedStep(Node.State.valueOf(text(s, "state")), s.path("attempts").asInt(0),
            s.hasNonNull("errorKind") ? s.get("errorKind").asText() : null,
            s.hasNonNull("error") ? s.get("error").asText() : null,
            job == null || job.isNull() ? null : job, s.path("submitting").asBoolean(false),
            s.hasNonNull("jobSubmittedAt") ? Instant.parse(s.get("jobSubmittedAt").asText()) : null));
      }
      String suspendedStep = d.path("suspension").hasNonNull("step") ? d.path("suspension").get("step").asText() : null;
      return new Restored(workflow, status, ctx, steps, d.path("progress").asDouble(0), suspendedStep);
    } catch (CorruptCheckpointException e) {
      throw e;
    } catch (IOException | IllegalArgumentException | DateTimeParseException | NullPointerException e) {
      throw corrupt(runId, "has an invalid field (" + e.getMessage() + ")", e);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("missing text field '" + field + "'");
    }
    return v.asText();
  }

  /** @return the status saved in a document, without reading the rest */
  static RunStatus status(String runId, String document) {
    try {
      JsonNode d = Codec.read(document);
      return RunStatus.valueOf(text(d, "status"));
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      throw corrupt(runId, "has no readable status", e);
    }
  }

  static CorruptCheckpointException corrupt(String runId, String problem, Throwable cause) {
    return new CorruptCheckpointException(runId, "the saved state of run " + runId + " " + problem
        + ". Only this run is affected: restore its state from a backup, or delete it and start the run again.", cause);
  }
}
