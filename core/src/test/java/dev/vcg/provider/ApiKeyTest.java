package dev.vcg.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import dev.vcg.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeyTest {
  private static final String CANARY = "sk-CANARY-4f1e2d3c4b5a69788796a5b4";

  @Test
  void toStringShowsOnlyAFingerprint() {
    ApiKey key = ApiKey.of(CANARY);
    assertThat(key.toString()).doesNotContain(CANARY).doesNotContain("CANARY").contains(key.fingerprint());
    assertThat(key.fingerprint()).hasSize(12).matches("[0-9a-f]+");
  }

  @Test
  void revealReturnsTheTrimmedValue() {
    assertThat(ApiKey.of("  " + CANARY + "\n").reveal()).isEqualTo(CANARY);
  }

  @Test
  void jacksonRefusesToSerialiseAKeyEvenInsideAnotherObject() {
    ApiKey key = ApiKey.of(CANARY);
    assertThatThrownBy(() -> Json.mapper().writeValueAsString(Map.of("key", key)))
        .isInstanceOf(JsonMappingException.class)
        .hasMessageNotContaining(CANARY);
  }

  @Test
  void isNotJavaSerializable() throws Exception {
    assertThat(Serializable.class.isAssignableFrom(ApiKey.class)).isFalse();
    try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
      assertThatThrownBy(() -> out.writeObject(ApiKey.of(CANARY)))
          .isInstanceOf(java.io.NotSerializableException.class);
    }
  }

  @Test
  void rejectsBlankOrControlCharacters() {
    assertThatThrownBy(() -> ApiKey.of("   ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApiKey.of("sk-a\u0000b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("sk-a");
    assertThatThrownBy(() -> ApiKey.of("sk-a b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equalKeysAreEqualAndHashAlike() {
    assertThat(ApiKey.of(CANARY)).isEqualTo(ApiKey.of(CANARY)).hasSameHashCodeAs(ApiKey.of(CANARY));
    assertThat(ApiKey.of(CANARY)).isNotEqualTo(ApiKey.of(CANARY + "x"));
  }
}
