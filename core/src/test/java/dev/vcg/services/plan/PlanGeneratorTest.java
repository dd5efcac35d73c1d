package dev.vcg.services.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.cost.CostEntry;
import dev.vcg.cost.CostLedger;
import dev.vcg.cost.Money;
import dev.vcg.direction.AiDirector;
import dev.vcg.direction.DirectionSource;
import dev.vcg.direction.DirectorInput;
import dev.vcg.direction.VideoDirection;
import dev.vcg.direction.VideoGoal;
import dev.vcg.internal.Json;
import dev.vcg.provider.ProviderException;
import dev.vcg.routing.ThinkingPattern;
import dev.vcg.services.brand.BrandColor;
import dev.vcg.services.brand.BrandProfile;
import dev.vcg.services.brand.ColorRole;
import dev.vcg.services.cache.ProviderCache;
import dev.vcg.services.fixtures.Fixtures;
import dev.vcg.services.fixtures.ScriptedModel;
import dev.vcg.services.reference.ReferenceAnalyzer;
import dev.vcg.services.reference.ReferenceTemplate;
import dev.vcg.services.text.TextAnalyzer;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanGeneratorTest {
  static final VideoDirection SIX_SHOTS = Fixtures.plan(new String[] {"a coffee bean", "roasting drum", "espresso"},
      new String[] {"bike courier", "doorstep", "logo end card"});

  static PlanBrief brief() {
    return PlanBrief.builder().concept("A promo for Brewtiful coffee delivery").targetDuration(30)
        .goal(VideoGoal.CONVERSION).build();
  }

  @Test
  void withoutAModelTheDirectorPlansByRulesAndNothingIsCached() {
    ProviderCache cache = ProviderCache.inMemory(10);
    PlanGenerator gen = PlanGenerator.builder().director(AiDirector.builder().build()).cache(cache).build();
    CostLedger ledger = new CostLedger();
    GeneratedPlan p = gen.generate(brief(), ledger);
    assertThat(p.direction().source()).isEqualTo(DirectionSource.OFFLINE);
    assertThat(p.cacheHit()).isFalse();
    assertThat(ledger.entries()).isEmpty();
    assertThat(cache.stats().writes()).isZero();
  }

  @Test
  void aModelPlanIsPaidForOnceThenServedFromTheCacheForFree() {
    ScriptedModel llm = ScriptedModel.json(r -> Fixtures.json(SIX_SHOTS)).reporting(Money.usd("0.012"));
    PlanGenerator gen = PlanGenerator.builder().director(AiDirector.builder().llm(llm).build())
        .cache(ProviderCache.inMemory(10)).build();
    CostLedger first = new CostLedger();
    GeneratedPlan a = gen.generate(brief(), first);
    assertThat(a.direction().source()).isEqualTo(DirectionSource.LLM);
    assertThat(a.direction().direction().shots()).hasSize(6);
    assertThat(first.entries()).singleElement().satisfies(e -> {
      assertThat(e.amount()).isEqualTo(Money.usd("0.012"));
      assertThat(e.label()).isEqualTo("plan");
    });

    CostLedger second = new CostLedger();
    GeneratedPlan b = gen.generate(brief(), second);
    assertThat(llm.calls()).isEqualTo(1);
    assertThat(b.cacheHit()).isTrue();
    assertThat(b.direction().llmCost()).isEqualTo(Money.ZERO);
    assertThat(b.direction().direction()).isEqualTo(a.direction().direction());
    CostEntry hit = second.entries().get(0);
    assertThat(second.entries()).hasSize(1);
    assertThat(hit.label()).isEqualTo("plan (cache hit)");
    assertThat(hit.amount().isZero()).isTrue();

    gen.generate(brief().toBuilder().targetDuration(45).build(), new CostLedger());
    assertThat(llm.calls()).isGreaterThan(1);
  }

  @Test
  void aFallbackPlanIsWarnedAboutAndNotCached() {
    ScriptedModel llm = ScriptedModel.json(r -> "").failing(new ProviderException("scripted", "HTTP 500"));
    ProviderCache cache = ProviderCache.inMemory(10);
    PlanGenerator gen = PlanGenerator.builder().director(AiDirector.builder().llm(llm).offlineFallback(true).build())
        .cache(cache).build();
    GeneratedPlan p = gen.generate(brief(), new CostLedger());
    assertThat(p.direction().source()).isEqualTo(DirectionSource.OFFLINE);
    assertThat(p.warnings()).singleElement().asString().contains("planned by rules");
    assertThat(cache.stats().writes()).isZero();
  }

  @Test
  void aFailingModelWithoutFallbackFailsAndCostsNothing() {
    ScriptedModel llm = ScriptedModel.json(r -> "").failing(new ProviderException("scripted", "HTTP 500"));
    PlanGenerator gen = PlanGenerator.builder().director(AiDirector.builder().llm(llm).build()).build();
    CostLedger ledger = new CostLedger(Money.usd("1"));
    assertThatThrownBy(() -> gen.generate(brief(), ledger)).isInstanceOf(ProviderException.class);
    assertThat(ledger.entries()).isEmpty();
    assertThat(ledger.remaining()).contains(Money.usd("1"));
  }

  @Test
  void theBriefBecomesTheDirectorsInput() throws Exception {
    BrandProfile brand = BrandProfile.builder().name("Brewtiful").callToAction("Start your free trial")
        .addColor(new BrandColor("#6f3b1f", ColorRole.PRIMARY, BrandColor.Source.LOGO))
        .addColor(new BrandColor("#ffffff", ColorRole.BACKGROUND, BrandColor.Source.DERIVED))
        .sources(List.of("logo")).build();
    PlanBrief b = brief().toBuilder().pattern(ThinkingPattern.STRATEGIC).brand(brand)
        .text(TextAnalyzer.byRules("playful coffee ad for students")).asset("logo", "logo.png, 256x256")
        .fact("industry", "coffee").websiteText("Roasted every morning.")
        .template(ReferenceAnalyzer.fromPlan(SIX_SHOTS)).build();
    DirectorInput in = b.toDirectorInput();
    assertThat(in.concept()).isEqualTo("A promo for Brewtiful coffee delivery");
    assertThat(in.goal()).contains(VideoGoal.CONVERSION);
    assertThat(in.brand()).hasValueSatisfying(c -> {
      assertThat(c.palette()).containsExactly("#6f3b1f");
      assertThat(c.callToAction()).contains("Start your free trial");
    });
    assertThat(in.template()).contains(SIX_SHOTS);
    assertThat(in.context()).hasValueSatisfying(c -> assertThat(c)
        .contains("Approach: work backwards from the goal").contains("Tone: playful").contains("Audience: students")
        .contains("Industry: coffee").contains("- logo: logo.png, 256x256").contains("Roasted every morning."));

    ReferenceTemplate video = new ReferenceTemplate(ReferenceTemplate.Source.VIDEO, null, List.of(2.0, 3.0),
        List.of("#ff0000"), 0.2, "fast cuts, gentle movement", List.of());
    DirectorInput fromVideo = brief().toBuilder().template(video).build().toDirectorInput();
    assertThat(fromVideo.shotDurations()).containsExactly(2.0, 3.0);
    assertThat(fromVideo.template()).isEmpty();
    assertThat(fromVideo.context()).hasValueSatisfying(c -> assertThat(c).contains("2 shots, fast cuts"));

    String json = Json.mapper().writeValueAsString(b);
    assertThat(Json.mapper().readValue(json, PlanBrief.class).toDirectorInput()).isEqualTo(in);
  }
}
