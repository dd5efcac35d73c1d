package dev.vcg.services.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.cost.CostEntry;
import dev.vcg.cost.CostLedger;
import dev.vcg.cost.Money;
import dev.vcg.cost.Price;
import dev.vcg.cost.PriceBook;
import dev.vcg.direction.VideoGoal;
import dev.vcg.internal.Json;
import dev.vcg.provider.LlmCapabilities;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.ResponseFormat;
import dev.vcg.services.cache.ProviderCache;
import dev.vcg.services.fixtures.ScriptedModel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TextAnalyzerTest {
  static final String GOOD = "{\"intent\":\"get coffee lovers to sign up\",\"tone\":\"playful\","
      + "\"keywords\":[\"coffee\",\"loyalty app\",\"coffee\"],\"audience\":\"young professionals\",\"goal\":\"conversion\"}";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
  static final PriceBook PRICES = PriceBook.builder()
      .price("scripted", "scripted-1", Price.perMillionTokens("1.00", "2.00")).build();

  private static TextAnalyzer analyzer(ScriptedModel llm, ProviderCache cache) {
    return TextAnalyzer.builder().llm(llm).cache(cache).priceBook(PRICES).clock(CLOCK).build();
  }

  @Test
  void rulesReadToneAudienceGoalAndKeywords() {
    TextAnalysis a = TextAnalyzer.byRules("A fun, playful video for kids about recycling: recycling bottles, "
        + "recycling cans. Get families to sign up for the recycling club!");
    assertThat(a.source()).isEqualTo(TextAnalysis.Source.RULES);
    assertThat(a.tone()).isEqualTo("playful");
    assertThat(a.audience()).isEqualTo("children and parents");
    assertThat(a.goal()).contains(VideoGoal.CONVERSION);
    assertThat(a.intent()).isEqualTo("persuade viewers to act");
    assertThat(a.keywords()).first().isEqualTo("recycling");
    assertThat(a.keywords()).doesNotContain("video", "for", "the");

    TextAnalysis pitch = TextAnalyzer.byRules("Pitch deck video for investors: our SaaS startup cuts cloud costs");
    assertThat(pitch.audience()).isEqualTo("investors");
    assertThat(pitch.tone()).isEqualTo("professional");

    TextAnalysis empty = TextAnalyzer.byRules("");
    assertThat(empty.intent()).isEqualTo("inform viewers");
    assertThat(empty.keywords()).isEmpty();
    assertThat(empty.audience()).isEqualTo("general audience");
  }

  @Test
  void languageModelAnswerIsValidatedAndPaidFor() {
    ScriptedModel llm = ScriptedModel.json(r -> GOOD);
    CostLedger ledger = new CostLedger();
    TextAnalysis a = analyzer(llm, ProviderCache.disabled()).analyze("Ad for our coffee shop app", ledger);

    assertThat(a.source()).isEqualTo(TextAnalysis.Source.LLM);
    assertThat(a.model()).contains("scripted-1");
    assertThat(a.tone()).isEqualTo("playful");
    assertThat(a.keywords()).containsExactly("coffee", "loyalty app");
    assertThat(a.goal()).contains(VideoGoal.CONVERSION);
    assertThat(a.warnings()).isEmpty();
    assertThat(llm.requests()).hasSize(1);
    assertThat(llm.requests().get(0).responseFormat()).isEqualTo(ResponseFormat.JSON_OBJECT);
    assertThat(llm.requests().get(0).messages().get(1).text()).contains("Ad for our coffee shop app");
    // 1000 input tokens at $1/M + 200 output at $2/M
    assertThat(ledger.entries()).singleElement().satisfies(e -> {
      assertThat(e.amount()).isEqualTo(Money.usd("0.0014"));
      assertThat(e.label()).isEqualTo("text analysis");
      assertThat(e.actual()).isFalse();
    });
  }

  @Test
  void schemaIsRequestedWhereTheModelEnforcesIt() {
    ScriptedModel llm = new ScriptedModel("scripted", "scripted-1", new LlmCapabilities(false, true, true, 0), r -> GOOD);
    analyzer(llm, ProviderCache.disabled()).analyze("Ad for our coffee shop", new CostLedger());
    assertThat(llm.requests().get(0).responseFormat().type()).isEqualTo(ResponseFormat.Type.JSON_SCHEMA);
  }

  @Test
  void aFailingModelFallsBackToRulesWithAWarning() {
    ScriptedModel llm = ScriptedModel.json(r -> GOOD).failing(new ProviderException("scripted", "HTTP 503 overloaded"));
    CostLedger ledger = new CostLedger(Money.usd("1.00"));
    TextAnalysis a = analyzer(llm, ProviderCache.inMemory(10)).analyze("A calm meditation video", ledger);

    assertThat(a.source()).isEqualTo(TextAnalysis.Source.RULES);
    assertThat(a.tone()).isEqualTo("calm");
    assertThat(a.warnings()).singleElement().asString().contains("text analysed by rules").contains("failed")
        .contains("HTTP 503");
    assertThat(ledger.entries()).isEmpty();
    assertThat(ledger.remaining()).contains(Money.usd("1.00"));
  }

  @Test
  void anUnusableAnswerFallsBackToRulesAndIsNotCached() {
    ProviderCache cache = ProviderCache.inMemory(10);
    ScriptedModel llm = ScriptedModel.json(r -> "{\"intent\":\"x\",\"tone\":42,\"keywords\":\"coffee\",\"goal\":\"world peace\"}");
    TextAnalyzer analyzer = analyzer(llm, cache);
    TextAnalysis a = analyzer.analyze("Coffee shop ad", new CostLedger());
    assertThat(a.source()).isEqualTo(TextAnalysis.Source.RULES);
    assertThat(a.warnings()).singleElement().asString().contains("unusable").contains("tone is missing")
        .contains("keywords is not a list").contains("audience is missing").contains("'world peace' is not a known goal");

    llm.answering(r -> GOOD);
    TextAnalysis b = analyzer.analyze("Coffee shop ad", new CostLedger());
    assertThat(b.source()).isEqualTo(TextAnalysis.Source.LLM);
    assertThat(llm.calls()).isEqualTo(2);
  }

  @Test
  void aCacheHitCostsNothingAndSaysSo() {
    ProviderCache cache = ProviderCache.inMemory(10);
    ScriptedModel llm = ScriptedModel.json(r -> GOOD);
    TextAnalyzer analyzer = analyzer(llm, cache);
    TextAnalysis first = analyzer.analyze("Ad for our coffee shop app", new CostLedger());
    CostLedger second = new CostLedger();
    TextAnalysis again = analyzer.analyze("  Ad for our   coffee shop app ", second);

    assertThat(llm.calls()).isEqualTo(1);
    assertThat(again.cacheHit()).isTrue();
    assertThat(first.cacheHit()).isFalse();
    assertThat(again.toBuilder().cacheHit(false).build()).isEqualTo(first);
    CostEntry hit = second.entries().get(0);
    assertThat(second.entries()).hasSize(1);
    assertThat(hit.amount().isZero()).isTrue();
    assertThat(hit.label()).isEqualTo("text analysis (cache hit)");
    assertThat(second.total()).isEqualTo(Money.ZERO);
  }

  @Test
  void aCallOverBudgetIsNotMade() {
    ScriptedModel llm = ScriptedModel.json(r -> GOOD);
    PriceBook dear = PriceBook.builder().price("scripted", "scripted-1", Price.perMillionTokens("1000", "1000")).build();
    TextAnalyzer analyzer = TextAnalyzer.builder().llm(llm).priceBook(dear).clock(CLOCK).build();
    TextAnalysis a = analyzer.analyze("Coffee shop ad", new CostLedger(Money.usd("0.10")));
    assertThat(llm.calls()).isZero();
    assertThat(a.source()).isEqualTo(TextAnalysis.Source.RULES);
    assertThat(a.warnings()).singleElement().asString().contains("budget");
  }

  @Test
  void withoutAModelRulesAnalyseSilently() {
    TextAnalysis a = TextAnalyzer.builder().build().analyze("A video about renewable energy", new CostLedger());
    assertThat(a.source()).isEqualTo(TextAnalysis.Source.RULES);
    assertThat(a.warnings()).isEmpty();
    assertThat(a.keywords()).containsExactly("renewable", "energy");
  }

  @Test
  void roundTripsThroughJson() throws Exception {
    TextAnalysis a = TextAnalysis.builder().intent("sell").tone("bold").audience("everyone").keywords(java.util.List.of("a"))
        .goal(VideoGoal.CONVERSION).source(TextAnalysis.Source.LLM).model("m").addWarning("w").build();
    String json = Json.mapper().writeValueAsString(a);
    assertThat(Json.mapper().readValue(json, TextAnalysis.class)).isEqualTo(a);
  }
}
