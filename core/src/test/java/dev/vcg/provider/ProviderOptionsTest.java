package dev.vcg.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderOptionsTest {
  private static ProviderOptions of(String name, String value) {
    return new ProviderOptions(Map.of(name, value));
  }

  @Test
  void unsetAndBlankOptionsFallBack() {
    ProviderOptions o = new ProviderOptions(Map.of("blank", "  "));
    assertThat(o.text("blank")).isEmpty();
    assertThat(o.bool("missing", true)).isTrue();
    assertThat(o.number("missing", 7, 1, 10)).isEqualTo(7);
    assertThat(o.duration("blank", Duration.ofSeconds(3), Duration.ZERO, Duration.ofMinutes(1)))
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(o.integers("missing")).isEmpty();
    assertThat(o.field("missing")).isEmpty();
  }

  @Test
  void valuesAreParsedInTheirDocumentedForms() {
    assertThat(of("t", "  fal-ai/flux ").text("t")).contains("fal-ai/flux");
    assertThat(of("f", "tail_image_url").field("f")).contains("tail_image_url");
    assertThat(of("f", "NONE").field("f")).contains("");
    assertThat(of("b", "FALSE").bool("b", true)).isFalse();
    assertThat(of("n", "12").number("n", 0, 1, 20)).isEqualTo(12);
    Duration min = Duration.ZERO;
    Duration max = Duration.ofHours(1);
    assertThat(of("d", "500ms").duration("d", null, min, max)).isEqualTo(Duration.ofMillis(500));
    assertThat(of("d", "1.5s").duration("d", null, min, max)).isEqualTo(Duration.ofMillis(1500));
    assertThat(of("d", "2m").duration("d", null, min, max)).isEqualTo(Duration.ofMinutes(2));
    assertThat(of("d", "pt5s").duration("d", null, min, max)).isEqualTo(Duration.ofSeconds(5));
    assertThat(of("d", "4").duration("d", null, min, max)).isEqualTo(Duration.ofSeconds(4));
    assertThat(of("i", "5, 10").integers("i")).hasValueSatisfying(a -> assertThat(a).containsExactly(5, 10));
    assertThat(of("i", "3-6").integers("i")).hasValueSatisfying(a -> assertThat(a).containsExactly(3, 4, 5, 6));
  }

  @Test
  void invalidValuesFailNamingTheOption() {
    assertThatThrownBy(() -> of("imageField", "image-url").field("imageField"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("imageField");
    assertThatThrownBy(() -> of("sync", "yes").bool("sync", false)).hasMessageContaining("sync must be true or false");
    assertThatThrownBy(() -> of("n", "21").number("n", 0, 1, 20)).hasMessageContaining("1..20");
    assertThatThrownBy(() -> of("n", "ten").number("n", 0, 1, 20)).hasMessageContaining("whole number");
    assertThatThrownBy(() -> of("poll", "soon").duration("poll", null, Duration.ZERO, Duration.ofMinutes(1)))
        .hasMessageContaining("poll must be a duration");
    assertThatThrownBy(() -> of("poll", "2h").duration("poll", null, Duration.ZERO, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("poll");
    assertThatThrownBy(() -> of("d", "9-3").integers("d")).hasMessageContaining("numbers like");
    assertThatThrownBy(() -> of("d", "0,5").integers("d")).hasMessageContaining("positive");
  }
}
