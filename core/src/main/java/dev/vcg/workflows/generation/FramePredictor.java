package dev.vcg.workflows.generation;

import dev.vcg.direction.VideoStyle;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ChatMessage;
import dev.vcg.provider.ChatRequest;
import dev.vcg.provider.ChatResponse;
import dev.vcg.provider.ContentPart;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.ProviderKind;
import dev.vcg.workflow.StepContext;
import java.util.Locale;

/**
 * Imagines the next frame of a continuous shot: a vision model looks at the current frame and
 * describes the same shot one segment later; without one, a rule-based description moves the
 * prompt forward one beat. The description becomes the next frame's image prompt and the clip's
 * motion prompt. Thread-safe.
 */
final class FramePredictor {
  /** The longest description kept, in characters. */
  static final int MAX_DESCRIPTION = 700;
  private static final String[] BEATS = {
      "the subject moves forward through the scene",
      "more of the surroundings comes into view",
      "the action builds",
      "a new detail catches the light",
      "the light shifts gently",
      "the movement reaches its peak",
      "the subject pauses and looks around",
      "the scene settles into a calm moment"};

  private final Services services;

  FramePredictor(Services services) {
    this.services = services;
  }

  /** @return whether descriptions come from a vision model (else from rules) */
  boolean usesModel() {
    LlmProvider llm = services.llm;
    return llm != null && llm.capabilities().vision() && llm.capabilities().maxImages() > 0;
  }

  /** The prompt of frame 0. */
  static String opening(String prompt, VideoStyle style) {
    return prompt + styleClause(style) + ", opening frame, establishing the scene";
  }

  /** The rule-based description of frame {@code index} (from 1), {@code seconds} per segment. */
  static String rule(String prompt, VideoStyle style, int index, int seconds) {
    String beat = BEATS[(index - 1) % BEATS.length];
    return prompt + styleClause(style) + ", " + beat + ", " + (index * seconds)
        + " seconds in, same characters, setting and camera angle as before";
  }

  private static String styleClause(VideoStyle style) {
    return style == null ? "" : ", " + style.wireName() + " style";
  }

  /**
   * Describes the frame {@code index} (from 1), one segment after {@code current}.
   *
   * @param label what the call is for in the ledger, e.g. {@code describe-3}
   */
  String describe(StepContext ctx, Budget budget, String prompt, VideoStyle style, int index, int seconds,
                  MediaRef current, String label) throws InterruptedException {
    if (!usesModel() || current == null) {
      return rule(prompt, style, index, seconds);
    }
    LlmProvider llm = services.llm;
    ChatRequest request = ChatRequest.builder()
        .addMessage(ChatMessage.system(systemPrompt(seconds)))
        .addMessage(ChatMessage.user(ContentPart.image(current), ContentPart.text(userPrompt(prompt, style, index,
            seconds))))
        .temperature(0.4)
        .maxTokens(400)
        .build();
    ctx.progress(0.05, "imagining the scene " + seconds + " s later");
    ChatResponse response = services.limiter.run(llm, () -> budget.pay(ctx, label, ProviderKind.LLM, llm.id(),
        llm.model(), services.describeEstimate(), () -> llm.chat(request), r -> r.actualCost().orElse(null),
        ChatResponse::model));
    String d = clean(response.content());
    if (d.isEmpty()) {
      ctx.decide("describe frame " + index + " by rules", "the vision model answered with no description");
      return rule(prompt, style, index, seconds);
    }
    return d;
  }

  static String systemPrompt(int seconds) {
    return "You predict the frames of a continuous video shot. You see the current frame. Imagine the same shot "
        + seconds + " seconds later and describe that future frame as one detailed image-generation prompt.\n"
        + "Rules:\n"
        + "1. Keep the same characters, objects, setting, style, camera angle and composition.\n"
        + "2. Show a natural progression of movement, no cuts or jumps.\n"
        + "3. Make only changes that could happen in " + seconds + " seconds.\n"
        + "4. Answer with the prompt only: no preamble, no quotes, no lists, at most 90 words.";
  }

  static String userPrompt(String prompt, VideoStyle style, int index, int seconds) {
    return "The video shows: " + prompt + (style == null ? "" : ". Style: " + style.wireName()) + ".\n"
        + "This frame is at " + ((index - 1) * seconds) + " seconds. Describe the frame at " + (index * seconds)
        + " seconds.";
  }

  /** The first paragraph of an answer, without quotes or a leading label, within the length limit. */
  static String clean(String answer) {
    String s = answer == null ? "" : answer.strip();
    int para = s.indexOf("\n\n");
    if (para > 0) {
      s = s.substring(0, para).strip();
    }
    s = unquote(s);
    String lower = s.toLowerCase(Locale.ROOT);
    for (String label : new String[] {"prompt:", "description:", "future frame:"}) {
      if (lower.startsWith(label)) {
        s = unquote(s.substring(label.length()).strip());
        break;
      }
    }
    s = s.replaceAll("\\s+", " ");
    return s.length() <= MAX_DESCRIPTION ? s : s.substring(0, MAX_DESCRIPTION).strip();
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      return s.substring(1, s.length() - 1).strip();
    }
    return s;
  }
}
