package dev.vcg.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vcg.GatewayInput;
import dev.vcg.GatewayOptions;
import dev.vcg.GatewayRequest;
import dev.vcg.GatewayResponse;
import dev.vcg.PlanResult;
import dev.vcg.internal.Json;
import java.util.Set;

/** {@code vcg plan "<prompt>" [--seconds N] [--style S] [--aspect A]}: the director's plan as JSON on stdout. */
final class PlanCommand implements Command {
  private final Environment env;

  PlanCommand(Environment env) {
    this.env = env;
  }

  @Override
  public String name() {
    return "plan";
  }

  @Override
  public String summary() {
    return "plan a video from a prompt and print the plan as JSON";
  }

  @Override
  public String usage() {
    return "usage: vcg plan \"<prompt>\" [--seconds N] [--style S] [--aspect 16:9|9:16|1:1]\n\n"
        + "  --seconds N   the video's length, 1 to 3600 (default " + VideoArgs.DEFAULT_SECONDS + ")\n"
        + "  --style S     " + VideoArgs.styles() + "\n"
        + "  --aspect A    16:9, 9:16 or 1:1 (default 16:9)\n\n"
        + "The plan (scenes, shots, prompts, camera moves, transitions and the estimated cost) is\n"
        + "written to stdout as JSON. With OPENROUTER_API_KEY or OPENAI_API_KEY set, a language model\n"
        + "plans; otherwise the offline rule planner does.\n";
  }

  @Override
  public Set<String> valueOptions() {
    return Set.of("--seconds", "--style", "--aspect");
  }

  @Override
  public int run(Args args, Io io) {
    String prompt = VideoArgs.prompt(args);
    GatewayInput input = GatewayInput.builder().prompt(prompt).durationSeconds(VideoArgs.seconds(args))
        .style(VideoArgs.style(args).orElse(null)).aspectRatio(VideoArgs.aspect(args)).build();
    try (CliGateway session = CliGateway.open(env)) {
      io.err().println(CliGateway.describe(session.gateway().providers()));
      GatewayResponse r = session.gateway().process(GatewayRequest.builder().input(input)
          .options(GatewayOptions.defaults()).build());
      PlanResult plan = planOf(r);
      printPlan(io, plan);
      return ExitCodes.OK;
    }
  }

  /** The plan of a response, or the response's error. */
  static PlanResult planOf(GatewayResponse r) {
    if (r instanceof GatewayResponse.Failed f) {
      throw f.error();
    }
    if (r instanceof GatewayResponse.Completed c && c.plan().isPresent()) {
      return c.plan().get();
    }
    throw new IllegalStateException("no plan was made: " + r);
  }

  static void printPlan(Io io, PlanResult plan) {
    try {
      io.out().println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(plan.plan()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the plan as JSON: " + e.getMessage(), e);
    }
    plan.plan().costEstimate().ifPresent(e -> io.err().println("estimated cost to make it: " + e.total()
        + " (" + e.breakdown().imageCount() + " images, " + e.breakdown().videoCount() + " clips, "
        + Math.round(e.breakdown().totalDuration()) + " s of video)"));
    plan.warnings().forEach(w -> io.err().println("note: " + w));
  }
}
