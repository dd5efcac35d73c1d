package dev.vcg.workflows.planning;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.vcg.GatewayInput;
import dev.vcg.GatewayOptions;
import dev.vcg.GatewayRequest;
import dev.vcg.PlanResult;
import dev.vcg.direction.AiDirector;
import dev.vcg.media.LocalAssetStore;
import dev.vcg.routing.WorkflowType;
import dev.vcg.services.cache.ProviderCache;
import dev.vcg.services.fixtures.CountingImages;
import dev.vcg.services.fixtures.Fixtures;
import dev.vcg.services.web.FetchPolicy;
import dev.vcg.services.web.GuardedFetcher;
import dev.vcg.services.web.WebScraper;
import dev.vcg.workflow.ContextStore;
import dev.vcg.workflow.RunOptions;
import dev.vcg.workflow.RunOutcome;
import dev.vcg.workflow.WorkflowEngine;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A local website, offline providers and an engine for the planning workflow tests. */
final class PlanningTestSupport {
  static WireMockServer site;

  private PlanningTestSupport() {
  }

  static synchronized void startSite() {
    if (site != null) {
      return;
    }
    site = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    site.start();
    site.stubFor(get(urlEqualTo("/")).willReturn(aResponse().withHeader("Content-Type", "text/html; charset=utf-8")
        .withBody(Fixtures.resource("site/index.html"))));
    site.stubFor(get(urlEqualTo("/css/site.css")).willReturn(aResponse().withHeader("Content-Type", "text/css")
        .withBody(Fixtures.resource("site/site.css"))));
    site.stubFor(get(urlEqualTo("/broken")).willReturn(aResponse().withStatus(503)));
    Runtime.getRuntime().addShutdownHook(new Thread(site::stop));
  }

  static URI siteUrl() {
    return URI.create("http://127.0.0.1:" + site.port() + "/");
  }

  /** A URL the fetch policy refuses: a loopback port that is not allowed. */
  static URI refusedUrl() {
    return URI.create("http://127.0.0.1:" + (site.port() == 1 ? 2 : 1) + "/");
  }

  static WebScraper scraper() {
    return WebScraper.builder().fetcher(GuardedFetcher.builder()
        .policy(FetchPolicy.builder().allowLoopbackForTesting(true).allowPort(site.port()).build()).build()).build();
  }

  static PlanningServices.Builder services(Path assets, CountingImages images) {
    return PlanningServices.builder()
        .director(AiDirector.builder().build())
        .imageProvider(images)
        .assetStore(LocalAssetStore.create(assets))
        .webScraper(scraper())
        .cache(ProviderCache.inMemory(100));
  }

  static WorkflowEngine engine(PlanningServices services, ContextStore store) {
    WorkflowEngine.Builder b = WorkflowEngine.builder().store(store);
    PlanningWorkflows.all(services).values().forEach(b::register);
    return b.build();
  }

  static RunOutcome run(WorkflowEngine engine, PlanningServices services, WorkflowType type, GatewayInput input,
                        GatewayOptions options) {
    return await(engine.start(PlanningWorkflows.create(type, services),
        GatewayRequest.builder().input(input).options(options).build(), RunOptions.defaults()).result());
  }

  static RunOutcome await(java.util.concurrent.CompletableFuture<RunOutcome> f) {
    try {
      return f.get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the run did not end: " + e, e);
    }
  }

  static PlanResult result(RunOutcome o) {
    if (!o.isCompleted()) {
      throw new AssertionError("run did not complete: " + o + " " + o.failure().map(Throwable::toString).orElse(""));
    }
    return o.output(PlanResult.class).orElseThrow();
  }
}
