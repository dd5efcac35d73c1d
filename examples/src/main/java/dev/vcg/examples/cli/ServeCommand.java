package dev.vcg.examples.cli;

import dev.vcg.ProviderChoice;
import dev.vcg.VideoCreationGateway;
import dev.vcg.examples.server.GatewayServer;
import dev.vcg.provider.ProviderRegistry;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code vcg serve [--port N] [--host H] [--store DIR]}: the example HTTP server, on a gateway
 * built from the environment (offline local providers when no keys are set). Runs until the
 * process is stopped (Ctrl-C) or the thread running it is interrupted, then stops gracefully.
 */
final class ServeCommand implements Command {
  @Override
  public String name() {
    return "serve";
  }

  @Override
  public String summary() {
    return "run the HTTP server (REST + live progress) on this machine";
  }

  @Override
  public String usage() {
    return "usage: vcg serve [--port N] [--host 127.0.0.1] [--store DIR]\n\n"
        + "  --port N       the port, 0 for any free one (default 8080)\n"
        + "  --host H       the address to bind (default 127.0.0.1, this machine only)\n"
        + "  --store DIR    keep workflows, projects and assets in DIR across restarts (default: in memory,\n"
        + "                 assets in the temporary directory)\n\n"
        + "endpoints:\n"
        + "  POST /api/gateway/video/create          {input:{prompt,...}, options:{interactive,async,render,...}}\n"
        + "  POST /api/gateway/video/continue        {workflowId, answers:{...}}\n"
        + "  GET  /api/gateway/video/{id}            status\n"
        + "  GET  /api/gateway/video/{id}/events     progress as Server-Sent Events\n"
        + "  GET  /api/gateway/analytics             statistics per workflow type\n"
        + "  POST /api/projects                      {concept, name, style, targetDuration, aspectRatio, quality,\n"
        + "                                          maxCost, autoApprove, reviewFrames, config:{llm|image|video:\n"
        + "                                          {provider, apiKey, model, baseUrl}}}; keys are used, never\n"
        + "                                          returned nor saved\n"
        + "  GET  /api/projects                      every project\n"
        + "  GET  /api/projects/{id}                 a project and its status; DELETE removes it\n"
        + "  PUT  /api/projects/{id}/config          {llm|image|video:{provider, apiKey, ...}}: keys again after a\n"
        + "                                          restart (they are never saved)\n"
        + "  POST /api/projects/{id}/direct          plan it: scenes, shots, cost estimate\n"
        + "  POST /api/projects/{id}/refine          {feedback}: the next version of the plan\n"
        + "  POST /api/projects/{id}/approve         lock the plan; or approve the stills awaiting review\n"
        + "  POST /api/projects/{id}/generate        make the video (202; 409 before approval)\n"
        + "  GET  /api/projects/{id}/direction       the current plan and its versions\n"
        + "  GET  /api/projects/{id}/cost            estimated vs actual\n"
        + "  GET  /api/projects/{id}/events          generation progress as Server-Sent Events\n"
        + "  GET  /api/providers                     providers found, configured or not, with their models\n"
        + "  GET  /api/providers/{type}/models       models of one kind: llm, image, video\n"
        + "errors are {error:{type, message}} with 400, 402, 404, 409, 413, 429, 5xx.\n"
        + "keys are read from OPENROUTER_API_KEY, OPENAI_API_KEY, FAL_KEY, RUNWAYML_API_SECRET; with none, the\n"
        + "offline local providers are used.\n";
  }

  @Override
  public Set<String> valueOptions() {
    return Set.of("--port", "--host", "--store");
  }

  @Override
  public int run(Args args, Io io) {
    if (!args.positional().isEmpty()) {
      throw new UsageException("serve takes no arguments, got '" + args.positional().get(0) + "'");
    }
    int port = args.number("--port", 0, 65_535).map(d -> {
      if (d != Math.rint(d)) {
        throw new UsageException("--port must be a whole number");
      }
      return d.intValue();
    }).orElse(8080);
    String host = args.value("--host").orElse("127.0.0.1");
    if (host.isBlank()) {
      throw new UsageException("--host is blank");
    }
    ProviderRegistry registry = ProviderRegistry.discover();
    VideoCreationGateway.Builder gb = VideoCreationGateway.builder().providers(registry);
    args.value("--store").ifPresent(dir -> gb.storeDirectory(Path.of(dir)));
    CountDownLatch stopped = new CountDownLatch(1);
    try (VideoCreationGateway gateway = gb.build();
         GatewayServer server = GatewayServer.builder().gateway(gateway).providers(registry).host(host).port(port)
             .build().start()) {
      for (ProviderChoice c : gateway.providers()) {
        io.err().println("  " + c);
      }
      if (gateway.providers().stream().allMatch(ProviderChoice::isOffline)) {
        io.err().println("no provider keys are set: running on the offline local providers");
      }
      io.err().println("vcg serve: listening on " + server.uri() + " (Ctrl-C to stop)");
      io.err().flush();
      Thread hook = new Thread(() -> {
        server.stop();
        stopped.countDown();
      }, "vcg-serve-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // The JVM is shutting down and the hook is running.
        }
      }
      io.err().println("vcg serve: stopped");
    }
    return ExitCodes.OK;
  }
}
