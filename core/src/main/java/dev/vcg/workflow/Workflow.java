package dev.vcg.workflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A named, immutable directed acyclic graph of {@link Step}s, checked when it is built. Run it
 * with {@link WorkflowEngine#start}.
 *
 * <pre>{@code
 * Workflow wf = Workflow.builder("web-extraction")
 *     .step(Step.of(PAGE, ctx -> scraper.scrape(ctx.input(Request.class).url())))
 *     .step(Step.of(ASSETS, ctx -> analyzer.analyze(ctx.input(Request.class).assets())).optional())
 *     .step(Step.of(BRAND, ctx -> synth.brand(ctx.require(PAGE), ctx.get(ASSETS))).dependsOn("page", "assets"))
 *     .output("brand")
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe; one workflow may run many times at once.
 */
public final class Workflow {
  private final String name;
  private final List<Step<?>> steps;
  private final Map<String, Step<?>> byName;
  private final String output;

  private Workflow(String name, List<Step<?>> steps, Map<String, Step<?>> byName, String output) {
    this.name = name;
    this.steps = steps;
    this.byName = byName;
    this.output = output;
  }

  /**
   * @param name the workflow's name (its type, e.g. {@code SIMPLE_TEXT}); runs are resumed by it
   * @return a builder
   * @throws IllegalArgumentException if the name is blank
   */
  public static Builder builder(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("workflow name is blank");
    }
    return new Builder(name);
  }

  /** @return the name */
  public String name() {
    return name;
  }

  /** @return the steps in the order they were added */
  public List<Step<?>> steps() {
    return steps;
  }

  /**
   * @param name a step's name
   * @return the step, if there is one by that name
   */
  public Optional<Step<?>> step(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** @return the name of the step whose value is the workflow's result, if declared */
  public Optional<String> output() {
    return Optional.ofNullable(output);
  }

  @Override
  public String toString() {
    return "Workflow[" + name + ", " + steps.size() + " steps]";
  }

  /** Builds a {@link Workflow}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final List<Step<?>> steps = new ArrayList<>();
    private String output;

    private Builder(String name) {
      this.name = name;
    }

    /**
     * @param step a step to add
     * @return this builder
     */
    public Builder step(Step<?> step) {
      steps.add(Objects.requireNonNull(step, "step"));
      return this;
    }

    /**
     * @param steps steps to add, in order
     * @return this builder
     */
    public Builder steps(List<? extends Step<?>> steps) {
      Objects.requireNonNull(steps, "steps").forEach(this::step);
      return this;
    }

    /**
     * Names the step whose value is the workflow's result ({@link RunOutcome#output(Class)}, and the
     * value of a {@link Step#child(Key, StepAction) child-workflow step}).
     *
     * @param stepName the step
     * @return this builder
     */
    public Builder output(String stepName) {
      this.output = Objects.requireNonNull(stepName, "stepName");
      return this;
    }

    /**
     * Checks the graph and builds the workflow.
     *
     * @return the workflow
     * @throws IllegalArgumentException naming the steps at fault when a step name is used twice,
     *     a step depends on a step that is not in the workflow, the steps form a cycle, or the
     *     output names an unknown step
     */
    public Workflow build() {
      List<String> problems = new ArrayList<>();
      Map<String, Step<?>> byName = new LinkedHashMap<>();
      for (Step<?> s : steps) {
        if (byName.putIfAbsent(s.name(), s) != null) {
          String p = "step name '" + s.name() + "' is used twice";
          if (!problems.contains(p)) {
            problems.add(p);
          }
        }
      }
      for (Step<?> s : steps) {
        for (String d : s.dependencies()) {
          if (!byName.containsKey(d)) {
            problems.add("step '" + s.name() + "' depends on unknown step '" + d + "'");
          }
        }
      }
      if (output != null && !byName.containsKey(output)) {
        problems.add("output names unknown step '" + output + "'");
      }
      if (problems.isEmpty()) {
        List<String> cycle = findCycle(byName);
        if (cycle != null) {
          problems.add("steps depend on each other in a cycle: " + String.join(" -> ", cycle)
              + " (each depends on the next)");
        }
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("workflow '" + name + "' is invalid: " + String.join("; ", problems)
            + ". Fix the step definitions.");
      }
      return new Workflow(name, List.copyOf(steps), Map.copyOf(byName), output);
    }

    /** Depth-first search; returns the first cycle found as a closed path, or null. */
    private static List<String> findCycle(Map<String, Step<?>> byName) {
      Map<String, Integer> color = new HashMap<>();
      List<String> path = new ArrayList<>();
      for (String start : byName.keySet()) {
        List<String> c = visit(start, byName, color, path);
        if (c != null) {
          return c;
        }
      }
      return null;
    }

    private static List<String> visit(String n, Map<String, Step<?>> byName, Map<String, Integer> color,
                                      List<String> path) {
      Integer c = color.get(n);
      if (c != null && c == 2) {
        return null;
      }
      if (c != null && c == 1) {
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(n), path.size()));
        cycle.add(n);
        return cycle;
      }
      color.put(n, 1);
      path.add(n);
      for (String d : byName.get(n).dependencies()) {
        List<String> found = visit(d, byName, color, path);
        if (found != null) {
          return found;
        }
      }
      path.remove(path.size() - 1);
      color.put(n, 2);
      return null;
    }
  }
}
