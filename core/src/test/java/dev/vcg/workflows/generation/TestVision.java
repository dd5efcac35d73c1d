package dev.vcg.workflows.generation;

import dev.vcg.cost.Money;
import dev.vcg.provider.ChatMessage;
import dev.vcg.provider.ChatRequest;
import dev.vcg.provider.ChatResponse;
import dev.vcg.provider.ContentPart;
import dev.vcg.provider.LlmCapabilities;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.TokenUsage;
import dev.vcg.media.MediaRef;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A vision model for tests: describes "the frame at N seconds" and records the image it was shown. */
final class TestVision implements LlmProvider {
  private static final Pattern AT = Pattern.compile("Describe the frame at (\\d+) seconds");
  final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
  volatile Money reportedCost;

  @Override
  public String id() {
    return "test-vision";
  }

  @Override
  public String model() {
    return "seer-1";
  }

  @Override
  public LlmCapabilities capabilities() {
    return new LlmCapabilities(true, true, false, 4);
  }

  int calls() {
    return requests.size();
  }

  /** The image shown in a request. */
  static MediaRef imageOf(ChatRequest r) {
    for (ChatMessage m : r.messages()) {
      for (ContentPart p : m.parts()) {
        if (p instanceof ContentPart.Image i) {
          return i.image();
        }
      }
    }
    throw new AssertionError("no image in " + r);
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    requests.add(request);
    Matcher m = AT.matcher(request.messages().get(request.messages().size() - 1).text());
    String at = m.find() ? m.group(1) : "?";
    return new ChatResponse("\"Prompt: the cat at " + at + " seconds walks deeper into the glowing forest\"",
        model(), "stop", new TokenUsage(1_200, 40), reportedCost, "chat-" + requests.size());
  }
}
