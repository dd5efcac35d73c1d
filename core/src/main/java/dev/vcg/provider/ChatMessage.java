package dev.vcg.provider;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One message of a chat.
 *
 * @param role who speaks
 * @param parts what is said: text and, for vision models, images
 */
public record ChatMessage(Role role, List<ContentPart> parts) {
  /** Who speaks. */
  public enum Role {
    /** Instructions. */
    SYSTEM,
    /** The user. */
    USER,
    /** The model. */
    ASSISTANT
  }

  /** Validates and copies. */
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a message has at least one part");
    }
  }

  /**
   * @param text instructions
   * @return a system message
   */
  public static ChatMessage system(String text) {
    return new ChatMessage(Role.SYSTEM, List.of(ContentPart.text(text)));
  }

  /**
   * @param text the user's words
   * @return a user message
   */
  public static ChatMessage user(String text) {
    return new ChatMessage(Role.USER, List.of(ContentPart.text(text)));
  }

  /**
   * @param parts text and images, text first as providers recommend
   * @return a user message
   */
  public static ChatMessage user(ContentPart... parts) {
    return new ChatMessage(Role.USER, List.of(parts));
  }

  /**
   * @param text the model's earlier answer
   * @return an assistant message
   */
  public static ChatMessage assistant(String text) {
    return new ChatMessage(Role.ASSISTANT, List.of(ContentPart.text(text)));
  }

  /** @return the text parts joined */
  public String text() {
    return parts.stream().filter(p -> p instanceof ContentPart.Text)
        .map(p -> ((ContentPart.Text) p).text()).collect(Collectors.joining("\n"));
  }

  /** @return whether this message carries images */
  public boolean hasImages() {
    return parts.stream().anyMatch(p -> p instanceof ContentPart.Image);
  }

  @Override
  public String toString() {
    long images = parts.stream().filter(p -> p instanceof ContentPart.Image).count();
    String t = text();
    return "ChatMessage[" + role + ", " + (t.length() > 60 ? t.substring(0, 57) + "..." : t)
        + (images > 0 ? ", " + images + " images" : "") + "]";
  }
}
