package dev.vcg.workflows.planning;

import dev.vcg.GatewayInput;
import dev.vcg.GatewayOptions;
import dev.vcg.GatewayRequest;
import dev.vcg.GatewayResponse;
import dev.vcg.InputAsset;
import dev.vcg.VideoCreationGateway;
import dev.vcg.local.LocalImageProviderFactory;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ProviderRegistry;
import dev.vcg.routing.WorkflowType;
import dev.vcg.services.fixtures.Fixtures;
import dev.vcg.services.fixtures.ScriptedModel;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Wall time of each planning workflow through the gateway, offline (rule director, local image
 * provider, a website on loopback), and what the provider cache saves when the language model
 * takes {@code latencyMs} per call (the model sleeps to simulate it). Not a unit test: run with
 * {@code mvn -B -pl core -am -Pbench verify} or {@code java -cp <test classpath>
 * dev.vcg.workflows.planning.PlanningBenchmark [runs] [latencyMs]}.
 */
public final class PlanningBenchmark {
  private PlanningBenchmark() {
  }

  /**
   * @param args runs per workflow (default 200), simulated model latency in ms (default 300)
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    long latencyMs = args.length > 1 ? Long.parseLong(args[1]) : 300;
    PlanningTestSupport.startSite();
    Path dir = Files.createTempDirectory("vcg-planning-bench");
    Path logo = Fixtures.logo(dir, "logo.png", new Color(0x6f3b1f), new Color(0xf2a541));
    Path photo = Fixtures.picture(dir, "hero.png", 1600, 900, new Color(0x1565c0), new Color(0xeeeeee));
    Map<WorkflowType, GatewayInput> inputs = new LinkedHashMap<>();
    inputs.put(WorkflowType.SIMPLE_TEXT, GatewayInput.builder().prompt("Create a video about climate change")
        .durationSeconds(30).build());
    inputs.put(WorkflowType.COMPLEX_STRATEGIC, GatewayWorkflowsTest.STRATEGIC);
    inputs.put(WorkflowType.WEB_EXTRACTION, GatewayInput.builder().prompt("Promo video for this coffee roaster")
        .url(PlanningTestSupport.siteUrl()).durationSeconds(30).build());
    inputs.put(WorkflowType.MULTIMODAL_WEB_ASSETS, GatewayInput.builder().prompt("Make a promo video")
        .url(PlanningTestSupport.siteUrl()).addAsset(new InputAsset(MediaRef.file(logo), InputAsset.LOGO, "logo.png"))
        .goal("increase signups").durationSeconds(30).build());
    inputs.put(WorkflowType.ASSET_CENTRIC, GatewayInput.builder().prompt("A video built around these")
        .addAsset(new InputAsset(MediaRef.file(logo), InputAsset.LOGO, "logo.png"))
        .addAsset(new InputAsset(MediaRef.file(photo), InputAsset.IMAGE, "hero.png")).build());
    inputs.put(WorkflowType.TEMPLATE_BASED, GatewayInput.builder().prompt("Make one like this for our bakery")
        .referenceDirection(GatewayWorkflowsTest.PLAN).build());

    ProviderRegistry offline = ProviderRegistry.of(List.of(new LocalImageProviderFactory()))
        .withEnvironment(k -> null, k -> null);
    System.out.printf(Locale.ROOT, "planning through the gateway, offline, %d runs each (after %d warm-up runs)%n",
        runs, runs / 4);
    System.out.printf(Locale.ROOT, "%-22s %9s %9s %9s%n", "workflow", "p50 ms", "p95 ms", "max ms");
    try (VideoCreationGateway g = VideoCreationGateway.builder().providers(offline).storeDirectory(dir.resolve("store"))
        .catalog(PlanningWorkflows.catalog(s -> s.webScraper(PlanningTestSupport.scraper()))).build()) {
      for (Map.Entry<WorkflowType, GatewayInput> e : inputs.entrySet()) {
        GatewayRequest request = GatewayRequest.builder().input(e.getValue()).options(GatewayOptions.defaults()).build();
        for (int i = 0; i < runs / 4; i++) {
          completed(g.process(request), e.getKey());
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
          long t0 = System.nanoTime();
          completed(g.process(request), e.getKey());
          nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-22s %9.1f %9.1f %9.1f%n", e.getKey(), ms(nanos[runs / 2]),
            ms(nanos[(int) Math.ceil(runs * 0.95) - 1]), ms(nanos[runs - 1]));
      }
    }

    ScriptedModel model = ScriptedModel.json(r -> {
      try {
        TimeUnit.MILLISECONDS.sleep(latencyMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return r.messages().get(0).text().contains("analyse a request") ? GatewayPlanningTest.TEXT_ANSWER
          : Fixtures.json(GatewayPlanningTest.PLAN);
    });
    try (VideoCreationGateway g = VideoCreationGateway.builder().providers(offline).llmProvider(model)
        .storeDirectory(dir.resolve("cached")).build()) {
      int distinct = 5;
      long missTotal = 0;
      long hitTotal = 0;
      for (int i = 0; i < distinct; i++) {
        GatewayRequest request = GatewayRequest.ofPrompt("Explain renewable energy to students, part " + i);
        long t0 = System.nanoTime();
        completed(g.process(request), WorkflowType.SIMPLE_TEXT);
        missTotal += System.nanoTime() - t0;
        t0 = System.nanoTime();
        GatewayResponse.Completed hit = completed(g.process(request), WorkflowType.SIMPLE_TEXT);
        hitTotal += System.nanoTime() - t0;
        if (!hit.totalCost().isZero()) {
          throw new IllegalStateException("a cache hit cost " + hit.totalCost());
        }
      }
      System.out.printf(Locale.ROOT, "SIMPLE_TEXT with a %d ms model: first request %.1f ms, same request again "
              + "(cache hits, $0) %.1f ms; model calls %d for %d requests; cache hits %d%n", latencyMs,
          ms(missTotal / distinct), ms(hitTotal / distinct), model.calls(), 2 * distinct,
          g.analytics().workflow("SIMPLE_TEXT").cacheHits());
    }
  }

  private static GatewayResponse.Completed completed(GatewayResponse r, WorkflowType type) {
    if (!(r instanceof GatewayResponse.Completed c) || c.workflowType() != type) {
      throw new IllegalStateException("expected a " + type + " plan: " + r);
    }
    return c;
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
