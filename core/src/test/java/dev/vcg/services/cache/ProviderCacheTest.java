package dev.vcg.services.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderCacheTest {
  record Req(String prompt, double seconds, List<String> tags, String none) {
  }

  record Value(String text, int n) {
  }

  @Test
  void requestsThatMeanTheSameHashTheSame() {
    CacheKey a = CacheKey.of("image", "fal", "flux", new Req("  a red   car\n at dawn ", 30.0, List.of("x"), null));
    CacheKey b = CacheKey.of("image", "fal", "flux", new Req("a red car at dawn", 30, List.of("x"), null));
    assertThat(a).isEqualTo(b);
    Map<String, Object> m1 = new LinkedHashMap<>();
    m1.put("b", 1);
    m1.put("a", "x");
    Map<String, Object> m2 = new LinkedHashMap<>();
    m2.put("a", "x");
    m2.put("b", 1.00);
    assertThat(CacheKey.of("k", "p", "m", m1)).isEqualTo(CacheKey.of("k", "p", "m", m2));
    assertThat(CacheKey.canonical(m1)).isEqualTo("{\"a\":\"x\",\"b\":1}");
  }

  @Test
  void providerModelKindAndContentChangeTheHash() {
    Req r = new Req("a red car", 30, List.of(), null);
    CacheKey base = CacheKey.of("image", "fal", "flux", r);
    assertThat(CacheKey.of("image", "openai", "flux", r)).isNotEqualTo(base);
    assertThat(CacheKey.of("image", "fal", "sdxl", r)).isNotEqualTo(base);
    assertThat(CacheKey.of("plan", "fal", "flux", r)).isNotEqualTo(base);
    assertThat(CacheKey.of("image", "fal", "flux", new Req("a Red car", 30, List.of(), null))).isNotEqualTo(base);
    assertThat(CacheKey.of("image", "fal", "flux", new Req("a red car", 31, List.of(), null))).isNotEqualTo(base);
    assertThat(base.hash()).matches("[0-9a-f]{64}");
  }

  @Test
  void inMemoryKeepsTheMostRecentlyUsed() {
    ProviderCache cache = ProviderCache.inMemory(2);
    CacheKey k1 = CacheKey.of("t", "p", "m", "one");
    CacheKey k2 = CacheKey.of("t", "p", "m", "two");
    CacheKey k3 = CacheKey.of("t", "p", "m", "three");
    cache.put(k1, new Value("1", 1));
    cache.put(k2, new Value("2", 2));
    assertThat(cache.get(k1, Value.class)).contains(new Value("1", 1));
    cache.put(k3, new Value("3", 3));
    assertThat(cache.get(k2, Value.class)).isEmpty();
    assertThat(cache.get(k1, Value.class)).isPresent();
    assertThat(cache.get(k3, Value.class)).isPresent();
    assertThat(cache.stats()).isEqualTo(new CacheStats(3, 1, 3));
    assertThat(cache.stats().hitRate()).isEqualTo(0.75);
  }

  @Test
  void directoryCacheSurvivesANewInstance(@TempDir Path dir) {
    CacheKey k = CacheKey.of("plan", "openrouter", "gpt", Map.of("concept", "lighthouse"));
    ProviderCache.directory(dir).put(k, new Value("plan", 7));
    ProviderCache again = ProviderCache.directory(dir);
    assertThat(again.get(k, Value.class)).contains(new Value("plan", 7));
    assertThat(dir.resolve(k.hash().substring(0, 2)).resolve(k.hash() + ".json")).exists();
  }

  @Test
  void aCorruptEntryIsAMissAndIsRemoved(@TempDir Path dir) throws Exception {
    CacheKey k = CacheKey.of("plan", "p", "m", "x");
    ProviderCache cache = ProviderCache.directory(dir);
    cache.put(k, new Value("v", 1));
    Path file = dir.resolve(k.hash().substring(0, 2)).resolve(k.hash() + ".json");
    Files.writeString(file, "{not json");
    assertThat(cache.get(k, Value.class)).isEmpty();
    assertThat(file).doesNotExist();
    assertThat(cache.stats().misses()).isEqualTo(1);
  }

  @Test
  void anEntryWrittenForAnotherKeyIsNotServed(@TempDir Path dir) throws Exception {
    CacheKey real = CacheKey.of("plan", "p", "m", "x");
    CacheKey other = CacheKey.of("image", "q", "n", "y");
    ProviderCache cache = ProviderCache.directory(dir);
    cache.put(other, new Value("v", 1));
    Path from = dir.resolve(other.hash().substring(0, 2)).resolve(other.hash() + ".json");
    Path to = dir.resolve(real.hash().substring(0, 2)).resolve(real.hash() + ".json");
    Files.createDirectories(to.getParent());
    Files.copy(from, to);
    assertThat(cache.get(real, Value.class)).isEmpty();
    assertThat(cache.get(other, Value.class)).isPresent();
  }

  @Test
  void aFailingStoreNeverBreaksTheCaller() {
    CacheStore broken = new CacheStore() {
      @Override
      public java.util.Optional<String> load(String hash) {
        throw new IllegalStateException("disk gone");
      }

      @Override
      public void save(String hash, String document) {
        throw new IllegalStateException("disk gone");
      }

      @Override
      public void remove(String hash) {
        throw new IllegalStateException("disk gone");
      }
    };
    ProviderCache cache = ProviderCache.of(broken);
    CacheKey k = CacheKey.of("t", "p", "m", "x");
    cache.put(k, new Value("v", 1));
    assertThat(cache.get(k, Value.class)).isEmpty();
    assertThat(cache.stats()).isEqualTo(new CacheStats(0, 1, 0));
  }

  @Test
  void disabledKeepsNothing() {
    ProviderCache cache = ProviderCache.disabled();
    CacheKey k = CacheKey.of("t", "p", "m", "x");
    cache.put(k, new Value("v", 1));
    assertThat(cache.isEnabled()).isFalse();
    assertThat(cache.get(k, Value.class)).isEmpty();
  }

  @Test
  void keysAreChecked() {
    assertThatThrownBy(() -> new CacheKey("t", "p", "m", "../etc")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProviderCache.inMemory(0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Stream.of(CacheKey.of("t", "p", "m", "x").toString())).allMatch(s -> s.contains("p/m"));
  }
}
