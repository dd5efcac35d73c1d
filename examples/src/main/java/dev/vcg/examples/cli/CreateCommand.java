package dev.vcg.examples.cli;

import dev.vcg.GatewayInput;
import dev.vcg.GatewayOptions;
import dev.vcg.GatewayRequest;
import dev.vcg.GatewayResponse;
import dev.vcg.GenerationMode;
import dev.vcg.PlanResult;
import dev.vcg.Quality;
import dev.vcg.VideoCreationGateway;
import dev.vcg.WorkflowHandle;
import dev.vcg.cost.CostEntry;
import dev.vcg.cost.Money;
import dev.vcg.direction.VideoStyle;
import dev.vcg.provider.AspectRatio;
import dev.vcg.workflow.WorkflowEvent;
import dev.vcg.workflow.WorkflowException;
import dev.vcg.workflows.generation.GenerationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.function.DoubleConsumer;

/**
 * {@code vcg create "<prompt>" ... -o OUT.mp4}: prompt → plan → frames → clips → one MP4, with a
 * progress bar on stderr and a cost summary at the end. The video is made in a scratch directory
 * and moved to {@code OUT.mp4} only when complete.
 */
final class CreateCommand implements Command {
  private final Environment env;

  CreateCommand(Environment env) {
    this.env = env;
  }

  @Override
  public String name() {
    return "create";
  }

  @Override
  public String summary() {
    return "make a video from a prompt (offline without keys)";
  }

  @Override
  public String usage() {
    return "usage: vcg create \"<prompt>\" [--seconds N] [--mode directed|flow] [--style S] [--aspect 16:9|9:16|1:1]\n"
        + "                  [--quality draft|standard|premium] [--max-cost USD] [--plan-only] -o OUT.mp4\n\n"
        + "  -o OUT.mp4          the video to write (written only when complete)\n"
        + "  --seconds N         the video's length, 1 to 3600 (default " + VideoArgs.DEFAULT_SECONDS + ")\n"
        + "  --mode M            directed: a plan of shots, stitched (default); flow: one continuous shot\n"
        + "  --style S           " + VideoArgs.styles() + "\n"
        + "  --aspect A          16:9, 9:16 or 1:1 (default 16:9)\n"
        + "  --quality Q         draft, standard or premium: frame size and models (default standard)\n"
        + "  --max-cost USD      stop before any paid call that would pass this amount (exit 5)\n"
        + "  --plan-only         print the plan as JSON and its estimated cost; make nothing\n\n"
        + "Providers come from the environment: OPENROUTER_API_KEY or OPENAI_API_KEY (planning),\n"
        + "FAL_KEY or OPENAI_API_KEY (images), FAL_KEY or RUNWAYML_API_SECRET (video). Without keys\n"
        + "everything runs offline on the local providers. VCG_LLM_PROVIDER, VCG_IMAGE_PROVIDER and\n"
        + "VCG_VIDEO_PROVIDER name the provider to use for a kind (e.g. runway, or local to stay offline).\n"
        + "Progress goes to stderr; the result and the cost summary to stdout.\n";
  }

  @Override
  public Set<String> valueOptions() {
    return Set.of("-o", "--output", "--seconds", "--mode", "--style", "--aspect", "--quality", "--max-cost");
  }

  @Override
  public Set<String> flagOptions() {
    return Set.of("--plan-only");
  }

  @Override
  public int run(Args args, Io io) {
    String prompt = VideoArgs.prompt(args);
    int seconds = VideoArgs.seconds(args);
    GenerationMode mode = VideoArgs.mode(args);
    Optional<VideoStyle> style = VideoArgs.style(args);
    AspectRatio aspect = VideoArgs.aspect(args);
    Quality quality = VideoArgs.quality(args);
    Optional<Money> maxCost = VideoArgs.maxCost(args);
    boolean planOnly = args.flag("--plan-only");
    if (args.value("-o").isPresent() && args.value("--output").isPresent()) {
      throw new UsageException("give -o or --output, not both");
    }
    Optional<Path> output = args.value("-o").or(() -> args.value("--output")).map(Path::of);
    if (planOnly && mode == GenerationMode.FLOW) {
      throw new UsageException("--plan-only needs --mode directed: a continuous flow has no plan");
    }
    Path target = null;
    if (!planOnly) {
      target = output.orElseThrow(() -> new UsageException("missing -o OUT.mp4")).toAbsolutePath().normalize();
      if (Files.isDirectory(target)) {
        throw new UsageException("-o " + target + " is a directory; give a file name, e.g. " + target.resolve("video.mp4"));
      }
      if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
        throw new UsageException("the directory of -o " + target + " does not exist; create it first");
      }
    }
    GatewayInput input = GatewayInput.builder().prompt(prompt).durationSeconds(seconds).style(style.orElse(null))
        .aspectRatio(aspect).build();
    GatewayOptions.Builder options = GatewayOptions.builder().render(!planOnly).mode(mode).quality(quality)
        .maxCost(maxCost.orElse(null));

    try (CliGateway session = CliGateway.open(env)) {
      VideoCreationGateway gateway = session.gateway();
      io.err().println(CliGateway.describe(gateway.providers()));
      WorkflowHandle handle = gateway.submit(GatewayRequest.builder().input(input).options(options.build()).build());
      follow(handle, io, planOnly ? "planning" : "creating");
      GatewayResponse response = handle.await();
      if (planOnly) {
        PlanCommand.printPlan(io, PlanCommand.planOf(response));
        return ExitCodes.OK;
      }
      if (response instanceof GatewayResponse.Failed f) {
        if (!f.totalCost().isZero()) {
          io.err().println("spent before stopping: " + f.totalCost());
        }
        throw f.error();
      }
      if (!(response instanceof GatewayResponse.Completed c) || c.video().isEmpty()) {
        throw new WorkflowException("the video was not finished: " + response, null, WorkflowException.Stage.STEP,
            false, null);
      }
      GenerationResult video = c.video().get();
      publish(video.video(), target);
      io.out().println(String.format(Locale.ROOT, "%s: %.1f s, %d %s", target, video.duration().toMillis() / 1000.0,
          video.segments().size(), mode == GenerationMode.FLOW ? "segments" : "shots"));
      summary(io, c, video);
      video.warnings().forEach(w -> io.err().println("note: " + w));
      return ExitCodes.OK;
    }
  }

  /** Shows the workflow's progress on stderr: a bar on a terminal, a line every 10% otherwise. */
  private static void follow(WorkflowHandle handle, Io io, String label) {
    DoubleConsumer bar = io.progress(label);
    handle.events().subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(WorkflowEvent e) {
        if (e instanceof WorkflowEvent.RunCompleted) {
          bar.accept(1.0);
        } else if (!e.isTerminal()) {
          bar.accept(e.progress());
        }
      }

      @Override
      public void onError(Throwable t) {
      }

      @Override
      public void onComplete() {
      }
    });
  }

  /** Moves the finished video into place: a copy next to the target, then an atomic rename. */
  static void publish(Path made, Path target) {
    Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
    try {
      Files.copy(made, partial, StandardCopyOption.REPLACE_EXISTING);
      try {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException ignored) {
        // Nothing more can be done about a scratch file.
      }
      throw new dev.vcg.media.MediaException(target, dev.vcg.media.MediaException.Reason.OUTPUT_FAILED,
          "cannot write " + target + ": " + e.getMessage() + ". Check the directory's permissions and free space.");
    }
  }

  private static void summary(Io io, GatewayResponse.Completed c, GenerationResult video) {
    Money estimated = video.estimate().total();
    Money planning = c.plan().map(PlanResult::direction).map(d -> d.llmCost()).orElse(Money.ZERO);
    io.out().println("cost: estimated " + estimated.plus(planning) + ", spent " + c.totalCost());
    Map<String, Money> byProvider = new LinkedHashMap<>();
    Map<String, Integer> calls = new LinkedHashMap<>();
    for (CostEntry e : c.costs()) {
      String key = e.kind().name().toLowerCase(Locale.ROOT) + " " + e.providerId() + "/" + e.model();
      byProvider.merge(key, e.amount(), Money::plus);
      calls.merge(key, 1, Integer::sum);
    }
    byProvider.forEach((k, v) -> io.out().println("  " + k + ": " + calls.get(k) + (calls.get(k) == 1 ? " call, "
        : " calls, ") + v));
  }
}
