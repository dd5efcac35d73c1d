package dev.vcg.direction;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcg.direction.internal.ShotTiming;
import dev.vcg.direction.internal.Terms;
import dev.vcg.internal.Json;
import dev.vcg.provider.ImageCapabilities;
import dev.vcg.provider.VideoCapabilities;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Checks and repairs a plan written by a language model (or by hand) so it can be generated:
 *
 * <ul>
 *   <li>finds the JSON in the answer (code fences, prose around it, trailing commas) and reports
 *       truncated or malformed JSON;</li>
 *   <li>reads field names leniently ({@code start_prompt}, {@code camera_move}, …), numbers
 *       written as text ({@code "5s"}), palettes written as lists;</li>
 *   <li>maps unknown camera moves and transitions to the nearest known one (or {@code static} /
 *       {@code cut}) with a warning;</li>
 *   <li>snaps every shot to a clip length the video model allows, then shortens or lengthens shots
 *       step by step so the total is within the tolerance (±5 s by default) of the target;</li>
 *   <li>renumbers scenes and shots, makes adjacent transitions agree, cuts over-long prompts;</li>
 *   <li>checks the constraints (scene and shot limits, terms to include and avoid) and applies a
 *       mechanical fix where one exists (trim the middle, scrub the avoided term).</li>
 * </ul>
 *
 * Problems that make a plan unusable are {@link NormalizationResult#errors() errors}; broken rules
 * the model could repair are {@link NormalizationResult#violations() violations}. Messages name the
 * shot ({@code "shot 3 (scenes[1].shots[0])"}) so they can be sent back to the model as they are.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * DirectionNormalizer n = DirectionNormalizer.forInput(input, klingCapabilities, null);
 * NormalizationResult r = n.normalize(llmAnswer);
 * if (r.isClean()) { VideoDirection plan = r.direction().orElseThrow(); }
 * }</pre>
 */
public final class DirectionNormalizer {
  /** Clip lengths allowed when no video model is known: whole seconds from 3 to 10. */
  public static final SortedSet<Integer> DEFAULT_SHOT_SECONDS =
      Collections.unmodifiableSortedSet(IntStream.rangeClosed(3, 10).boxed().collect(Collectors.toCollection(TreeSet::new)));
  /** How far the total may be from the target, in seconds, by default. */
  public static final double DEFAULT_TOLERANCE_SECONDS = 5;
  /** The most shots a plan may have. */
  public static final int MAX_SHOTS = 500;

  private static final int DEFAULT_IMAGE_PROMPT_LIMIT = 4000;
  private static final int DEFAULT_MOTION_PROMPT_LIMIT = 2500;
  private static final Pattern NUMBER_TEXT =
      Pattern.compile("^\\s*([+]?\\d+(?:\\.\\d+)?|[+]?\\.\\d+)\\s*(?:s|sec|secs|second|seconds)?\\.?\\s*$",
          Pattern.CASE_INSENSITIVE);

  private static final Map<String, List<String>> ALIASES = Map.ofEntries(
      Map.entry("title", List.of("title", "name", "videotitle")),
      Map.entry("narrative", List.of("narrative", "story", "synopsis", "logline", "summary")),
      Map.entry("scenes", List.of("scenes", "scenelist")),
      Map.entry("shots", List.of("shots", "shotlist")),
      Map.entry("sceneName", List.of("name", "title", "scenename")),
      Map.entry("description", List.of("description", "summary", "action")),
      Map.entry("mood", List.of("mood", "tone", "emotion")),
      Map.entry("id", List.of("id", "number", "index")),
      Map.entry("duration", List.of("duration", "durationseconds", "durationsec", "seconds", "length", "lengthseconds")),
      Map.entry("startPrompt", List.of("startprompt", "startframeprompt", "startframe", "firstframeprompt",
          "firstframe", "startimageprompt", "startimage")),
      Map.entry("endPrompt", List.of("endprompt", "endframeprompt", "endframe", "lastframeprompt", "lastframe",
          "endimageprompt", "endimage")),
      Map.entry("motionPrompt", List.of("motionprompt", "motion", "videoprompt", "movement", "motiondescription")),
      Map.entry("cameraMove", List.of("cameramove", "camera", "cameramovement", "cameramotion")),
      Map.entry("lighting", List.of("lighting", "light")),
      Map.entry("colorPalette", List.of("colorpalette", "colourpalette", "palette", "colors", "colours")),
      Map.entry("transitionIn", List.of("transitionin")),
      Map.entry("transitionOut", List.of("transitionout", "transition")));

  private final double targetDuration;
  private final SortedSet<Integer> allowedDurations;
  private final double tolerance;
  private final DirectorConstraints constraints;
  private final int imagePromptLimit;
  private final int motionPromptLimit;
  private final String fallbackTitle;

  private DirectionNormalizer(Builder b) {
    this.targetDuration = b.targetDuration;
    this.allowedDurations = Collections.unmodifiableSortedSet(new TreeSet<>(b.allowedDurations));
    this.tolerance = b.tolerance;
    this.constraints = b.constraints;
    this.imagePromptLimit = b.imagePromptLimit;
    this.motionPromptLimit = b.motionPromptLimit;
    this.fallbackTitle = b.fallbackTitle;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A normaliser for plans made from an input, for the chosen video and image models.
   *
   * @param input the director's input (target, constraints, concept for a fallback title)
   * @param video the video model's capabilities (clip lengths, prompt length), or null for the
   *     defaults
   * @param image the image model's capabilities (prompt length), or null for the defaults
   * @return the normaliser
   */
  public static DirectionNormalizer forInput(DirectorInput input, VideoCapabilities video, ImageCapabilities image) {
    Objects.requireNonNull(input, "input");
    Builder b = builder().targetDuration(input.targetDuration()).constraints(input.constraints())
        .fallbackTitle(titleFrom(input.concept()));
    if (video != null) {
      b.videoCapabilities(video);
    }
    if (image != null) {
      b.imagePromptLimit(image.maxPromptLength());
    }
    return b.build();
  }

  static String titleFrom(String concept) {
    String first = concept.strip().split("[.!?\\n]", 2)[0].strip();
    if (first.isEmpty()) {
      first = concept.strip();
    }
    if (first.length() > 60) {
      int cut = first.lastIndexOf(' ', 57);
      first = first.substring(0, cut > 20 ? cut : 57) + "…";
    }
    return Character.toUpperCase(first.charAt(0)) + first.substring(1);
  }

  /** @return the target total in seconds */
  public double targetDuration() {
    return targetDuration;
  }

  /** @return the clip lengths shots are snapped to, ascending */
  public SortedSet<Integer> allowedDurations() {
    return allowedDurations;
  }

  /** @return how far the total may be from the target, in seconds */
  public double tolerance() {
    return tolerance;
  }

  /** @return the constraints checked */
  public DirectorConstraints constraints() {
    return constraints;
  }

  /**
   * Normalises a model's answer.
   *
   * @param modelOutput the answer text, JSON possibly wrapped in prose or code fences; may be null
   * @return the outcome (never null; never throws for bad content)
   */
  public NormalizationResult normalize(String modelOutput) {
    ModelJson.Extracted ex = ModelJson.extract(modelOutput);
    if (ex.error() != null) {
      return new NormalizationResult(null, List.of(ex.error()), List.of(), List.of());
    }
    return new Run().normalize(ex.tree());
  }

  /**
   * Normalises a typed plan (a template, a hand-edited plan, the offline planner's output).
   *
   * @param direction the plan
   * @return the outcome
   */
  public NormalizationResult normalize(VideoDirection direction) {
    Objects.requireNonNull(direction, "direction");
    return new Run().normalize(Json.mapper().valueToTree(direction));
  }

  @Override
  public String toString() {
    return "DirectionNormalizer[target=" + fmt(targetDuration) + " s ±" + fmt(tolerance) + ", durations="
        + allowedDurations + "]";
  }

  static String fmt(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return String.valueOf(v);
    }
    if (Math.abs(v) >= 1e15) {
      return String.format(Locale.ROOT, "%.3g", v);
    }
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  private String allowedText() {
    int first = allowedDurations.first();
    int last = allowedDurations.last();
    if (allowedDurations.size() > 3 && allowedDurations.size() == last - first + 1) {
      return first + "–" + last + " s";
    }
    return allowedDurations.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " s";
  }

  /** A shot being normalised. */
  private static final class WShot {
    int number;
    String path;
    double given;
    int duration;
    String start;
    String end;
    String motion;
    CameraMove move;
    String lighting;
    String palette;
    TransitionType in;
    TransitionType out;

    String label() {
      return "shot " + number + " (" + path + ")";
    }
  }

  /** A scene being normalised. */
  private static final class WScene {
    int number;
    String name;
    String description;
    String mood;
    final List<WShot> shots = new ArrayList<>();
  }

  /** One normalisation: collects the messages. */
  private final class Run {
    private final List<String> errors = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private boolean idsOutOfOrder;

    NormalizationResult normalize(JsonNode tree) {
      JsonNode root = unwrap(tree);
      if (root == null) {
        return failed();
      }
      String title = text(field(root, "title"));
      if (title == null) {
        title = fallbackTitle;
        warnings.add("the plan has no title; using \"" + title + "\"");
      }
      String narrative = text(field(root, "narrative"));
      List<WScene> scenes = scenes(root);
      if (!errors.isEmpty()) {
        return failed();
      }
      if (idsOutOfOrder) {
        warnings.add("scene or shot ids were missing, repeated or out of order; renumbered in order");
      }
      snapDurations(scenes);
      linkTransitions(scenes, true);
      applyLimits(scenes);
      String[] texts = avoidTerms(title, narrative == null ? "" : narrative, scenes);
      title = texts[0];
      narrative = texts[1];
      checkMustInclude(scenes);
      fitDurations(scenes);
      linkTransitions(scenes, false);
      return new NormalizationResult(build(title, narrative, scenes), errors, violations, warnings);
    }

    private NormalizationResult failed() {
      return new NormalizationResult(null, errors, violations, warnings);
    }

    // ---------- reading ----------

    private JsonNode unwrap(JsonNode tree) {
      if (tree == null || tree.isNull() || tree.isMissingNode()) {
        errors.add("the answer is empty: return the plan as one JSON object");
        return null;
      }
      if (tree.isArray()) {
        if (tree.size() > 0 && tree.get(0).isObject() && field(tree.get(0), "shots") != null) {
          warnings.add("the answer is a list of scenes, not a plan object; read it as the plan's scenes");
          var root = Json.mapper().createObjectNode();
          root.set("scenes", tree);
          return root;
        }
        errors.add("the answer is a JSON array; return one JSON object with title, narrative and scenes");
        return null;
      }
      if (!tree.isObject()) {
        errors.add("the answer is not a JSON object; return one JSON object with title, narrative and scenes");
        return null;
      }
      if (field(tree, "scenes") == null && field(tree, "shots") == null) {
        for (JsonNode child : tree) {
          if (child.isObject() && (field(child, "scenes") != null || field(child, "shots") != null)) {
            return child;
          }
        }
      }
      return tree;
    }

    private List<WScene> scenes(JsonNode root) {
      JsonNode scenesNode = field(root, "scenes");
      if (scenesNode == null || scenesNode.isNull()) {
        JsonNode shots = field(root, "shots");
        if (shots != null && shots.isArray()) {
          warnings.add("the plan has shots but no scenes; put them in one scene");
          var scene = Json.mapper().createObjectNode();
          scene.put("name", "Scene 1");
          scene.set("shots", shots);
          scenesNode = Json.mapper().createArrayNode().add(scene);
        } else {
          errors.add("\"scenes\" is missing: a plan needs a \"scenes\" array with at least one scene");
          return List.of();
        }
      }
      if (!scenesNode.isArray()) {
        errors.add("\"scenes\" must be an array of scene objects, got " + kind(scenesNode));
        return List.of();
      }
      if (scenesNode.isEmpty()) {
        errors.add("\"scenes\" is empty: a plan needs at least one scene with at least one shot");
        return List.of();
      }
      List<WScene> scenes = new ArrayList<>();
      int shotNumber = 0;
      int lastGlobalId = 0;
      for (int i = 0; i < scenesNode.size(); i++) {
        JsonNode s = scenesNode.get(i);
        String path = "scenes[" + i + "]";
        if (!s.isObject()) {
          errors.add("scene " + (i + 1) + " (" + path + ") must be an object with name, description, mood and shots, got "
              + kind(s));
          continue;
        }
        checkId(s, i + 1);
        WScene scene = new WScene();
        scene.number = i + 1;
        scene.name = text(field(s, "sceneName"));
        if (scene.name == null) {
          scene.name = "Scene " + (i + 1);
        }
        scene.description = orEmpty(text(field(s, "description")));
        scene.mood = orEmpty(text(field(s, "mood")));
        JsonNode shots = field(s, "shots");
        if (shots == null || shots.isNull()) {
          errors.add("scene " + (i + 1) + " (" + path + ") has no \"shots\": give it at least one shot");
          continue;
        }
        if (!shots.isArray()) {
          errors.add("scene " + (i + 1) + " (" + path + ").shots must be an array of shot objects, got " + kind(shots));
          continue;
        }
        if (shots.isEmpty()) {
          errors.add("scene " + (i + 1) + " (" + path + ") has an empty \"shots\" array: give it at least one shot");
          continue;
        }
        int lastLocalId = 0;
        for (int j = 0; j < shots.size(); j++) {
          shotNumber++;
          if (shotNumber > MAX_SHOTS) {
            errors.add("the plan has more than " + MAX_SHOTS + " shots: plan fewer, longer shots");
            return scenes;
          }
          JsonNode shotNode = shots.get(j);
          String shotPath = path + ".shots[" + j + "]";
          if (!shotNode.isObject()) {
            errors.add("shot " + shotNumber + " (" + shotPath + ") must be an object, got " + kind(shotNode));
            continue;
          }
          Integer id = intValue(field(shotNode, "id"));
          if (id == null || (id != lastLocalId + 1 && id != lastGlobalId + 1)) {
            idsOutOfOrder = true;
          }
          lastLocalId = id == null ? lastLocalId + 1 : id;
          lastGlobalId = shotNumber;
          WShot shot = shot(shotNode, shotNumber, shotPath);
          if (shot != null) {
            scene.shots.add(shot);
          }
        }
        scenes.add(scene);
      }
      return scenes;
    }

    private void checkId(JsonNode scene, int expected) {
      Integer id = intValue(field(scene, "id"));
      if (id == null || id != expected) {
        idsOutOfOrder = true;
      }
    }

    private WShot shot(JsonNode node, int number, String path) {
      WShot shot = new WShot();
      shot.number = number;
      shot.path = path;
      int errorsBefore = errors.size();
      Double d = duration(field(node, "duration"), shot);
      shot.given = d == null ? 0 : d;
      shot.start = prompt(node, "startPrompt", shot, "a detailed image prompt for the first frame");
      shot.end = prompt(node, "endPrompt", shot, "a detailed image prompt for the last frame");
      shot.motion = prompt(node, "motionPrompt", shot, "what moves between the first and last frame");
      shot.move = cameraMove(field(node, "cameraMove"), shot);
      shot.lighting = orEmpty(text(field(node, "lighting")));
      shot.palette = text(field(node, "colorPalette"));
      shot.in = transition(field(node, "transitionIn"), shot, "transitionIn");
      shot.out = transition(field(node, "transitionOut"), shot, "transitionOut");
      return errors.size() == errorsBefore ? shot : null;
    }

    private Double duration(JsonNode n, WShot shot) {
      if (n == null || n.isNull()) {
        errors.add(shot.label() + " has no \"duration\": give its length in seconds as a number");
        return null;
      }
      double v;
      if (n.isNumber()) {
        v = n.doubleValue();
      } else if (n.isTextual()) {
        Matcher m = NUMBER_TEXT.matcher(n.asText());
        if (!m.matches()) {
          errors.add(shot.label() + ": duration \"" + abbreviate(n.asText()) + "\" is not a number of seconds; "
              + "write a number such as 5");
          return null;
        }
        v = Double.parseDouble(m.group(1));
        warnings.add(shot.label() + ": duration was written as text (\"" + abbreviate(n.asText())
            + "\"); read as " + fmt(v) + " s");
      } else {
        errors.add(shot.label() + ": duration must be a number of seconds, got " + kind(n));
        return null;
      }
      if (!Double.isFinite(v)) {
        errors.add(shot.label() + ": duration " + n.asText() + " is not a finite number of seconds");
        return null;
      }
      if (v <= 0) {
        errors.add(shot.label() + ": duration " + fmt(v) + " is not positive; shots last " + allowedText());
        return null;
      }
      return v;
    }

    private String prompt(JsonNode node, String name, WShot shot, String what) {
      JsonNode n = field(node, name);
      if (n == null || n.isNull()) {
        errors.add(shot.label() + " has no \"" + name + "\": give " + what);
        return null;
      }
      String value;
      if (n.isTextual()) {
        value = n.asText().strip();
      } else if (n.isArray() && n.size() > 0 && allTextual(n)) {
        value = joinText(n);
        warnings.add(shot.label() + ": " + name + " was a list; joined into one prompt");
      } else {
        errors.add(shot.label() + ": " + name + " must be text, got " + kind(n));
        return null;
      }
      if (value.isEmpty()) {
        errors.add(shot.label() + ": " + name + " is empty: give " + what);
        return null;
      }
      int limit = name.equals("motionPrompt") ? motionPromptLimit : imagePromptLimit;
      if (value.length() > limit) {
        int cut = value.lastIndexOf(' ', limit);
        value = value.substring(0, cut > limit / 2 ? cut : limit).strip();
        warnings.add(shot.label() + ": " + name + " was longer than " + limit + " characters; shortened");
      }
      return value;
    }

    private CameraMove cameraMove(JsonNode n, WShot shot) {
      if (n == null || n.isNull()) {
        warnings.add(shot.label() + " has no cameraMove; using static");
        return CameraMove.STATIC;
      }
      if (!n.isTextual()) {
        warnings.add(shot.label() + ": cameraMove must be text, got " + kind(n) + "; using static");
        return CameraMove.STATIC;
      }
      String text = n.asText();
      var known = CameraMove.tryParse(text);
      if (known.isPresent()) {
        return known.get();
      }
      var guess = Guesses.cameraMove(text);
      if (guess.isPresent()) {
        warnings.add(shot.label() + ": unknown camera move \"" + abbreviate(text) + "\"; mapped to "
            + guess.get().wireName());
        return guess.get();
      }
      warnings.add(shot.label() + ": unknown camera move \"" + abbreviate(text) + "\"; using static");
      return CameraMove.STATIC;
    }

    private TransitionType transition(JsonNode n, WShot shot, String name) {
      if (n == null || n.isNull()) {
        return null;
      }
      if (!n.isTextual()) {
        warnings.add(shot.label() + ": " + name + " must be text, got " + kind(n) + "; using cut");
        return TransitionType.CUT;
      }
      String text = n.asText();
      if (text.isBlank()) {
        return null;
      }
      var known = TransitionType.tryParse(text);
      if (known.isPresent()) {
        return known.get();
      }
      var guess = Guesses.transition(text);
      if (guess.isPresent()) {
        warnings.add(shot.label() + ": unknown transition \"" + abbreviate(text) + "\"; mapped to "
            + guess.get().wireName());
        return guess.get();
      }
      warnings.add(shot.label() + ": unknown transition \"" + abbreviate(text) + "\"; using cut");
      return TransitionType.CUT;
    }

    // ---------- fixing ----------

    private void snapDurations(List<WScene> scenes) {
      int min = allowedDurations.first();
      int max = allowedDurations.last();
      for (WScene scene : scenes) {
        for (WShot shot : scene.shots) {
          shot.duration = ShotTiming.snap(shot.given, allowedDurations);
          if (Math.abs(shot.duration - shot.given) < 1e-9) {
            continue;
          }
          String why = shot.given > max ? "is longer than the video model allows (at most " + max + " s)"
              : shot.given < min ? "is shorter than the video model allows (at least " + min + " s)"
              : "is not a clip length the video model makes (" + allowedText() + ")";
          warnings.add(shot.label() + ": " + fmt(shot.given) + " s " + why + "; snapped to " + shot.duration + " s");
        }
      }
    }

    private void linkTransitions(List<WScene> scenes, boolean report) {
      WShot prev = null;
      for (WScene scene : scenes) {
        for (WShot cur : scene.shots) {
          if (prev != null && cur.in != null) {
            if (prev.out == null) {
              prev.out = cur.in;
            } else if (prev.out != cur.in) {
              if (report) {
                warnings.add(cur.label() + ": transitionIn " + cur.in.wireName() + " disagrees with the previous shot's "
                    + "transitionOut " + prev.out.wireName() + "; using " + prev.out.wireName());
              }
              cur.in = prev.out;
            }
          }
          prev = cur;
        }
      }
    }

    private void applyLimits(List<WScene> scenes) {
      OptionalInt maxScenes = constraints.maxScenes();
      if (maxScenes.isPresent() && scenes.size() > maxScenes.getAsInt()) {
        int max = maxScenes.getAsInt();
        violations.add("the plan has " + scenes.size() + " scenes; at most " + max + " are allowed: merge or remove scenes");
        keepEnds(scenes, max);
      }
      OptionalInt maxShots = constraints.maxShotsPerScene();
      if (maxShots.isPresent()) {
        int max = maxShots.getAsInt();
        for (WScene scene : scenes) {
          if (scene.shots.size() > max) {
            violations.add("scene " + scene.number + " has " + scene.shots.size() + " shots; at most " + max
                + " per scene are allowed: merge shots or move them to another scene");
            keepEnds(scene.shots, max);
          }
        }
      }
    }

    /** Keeps the first {@code max - 1} items and the last one: openings and endings matter most. */
    private <T> void keepEnds(List<T> list, int max) {
      T last = list.get(list.size() - 1);
      list.subList(max - 1, list.size()).clear();
      list.add(last);
    }

    /** Scrubs avoided terms everywhere; returns the scrubbed title and narrative. */
    private String[] avoidTerms(String title, String narrative, List<WScene> scenes) {
      for (String term : constraints.avoid()) {
        List<String> where = new ArrayList<>();
        if (Terms.mentions(title, term)) {
          where.add("title");
          title = Terms.remove(title, term);
        }
        if (Terms.mentions(narrative, term)) {
          where.add("narrative");
          narrative = Terms.remove(narrative, term);
        }
        for (WScene scene : scenes) {
          if (Terms.mentions(scene.name + " " + scene.description + " " + scene.mood, term)) {
            where.add("scene " + scene.number);
            scene.name = orDefault(Terms.remove(scene.name, term), "Scene " + scene.number);
            scene.description = Terms.remove(scene.description, term);
            scene.mood = Terms.remove(scene.mood, term);
          }
          for (WShot shot : scene.shots) {
            List<String> fields = new ArrayList<>();
            if (Terms.mentions(shot.start, term)) {
              fields.add("startPrompt");
              shot.start = orDefault(Terms.remove(shot.start, term), scene.description, title);
            }
            if (Terms.mentions(shot.end, term)) {
              fields.add("endPrompt");
              shot.end = orDefault(Terms.remove(shot.end, term), shot.start);
            }
            if (Terms.mentions(shot.motion, term)) {
              fields.add("motionPrompt");
              shot.motion = orDefault(Terms.remove(shot.motion, term), "slow, smooth camera movement");
            }
            if (Terms.mentions(shot.lighting, term)) {
              fields.add("lighting");
              shot.lighting = Terms.remove(shot.lighting, term);
            }
            if (Terms.mentions(shot.palette, term)) {
              fields.add("colorPalette");
              String p = Terms.remove(shot.palette, term);
              shot.palette = p == null || p.isBlank() ? null : p;
            }
            if (!fields.isEmpty()) {
              where.add("shot " + shot.number + " " + String.join("/", fields));
            }
          }
        }
        if (!where.isEmpty()) {
          violations.add("\"" + term + "\" must be avoided but appears in " + String.join(", ", where)
              + ": remove it (do not write \"no " + term + "\" either)");
        }
      }
      return new String[] {orDefault(title, fallbackTitle), narrative};
    }

    private void checkMustInclude(List<WScene> scenes) {
      for (String term : constraints.mustInclude()) {
        boolean shown = scenes.stream().flatMap(s -> s.shots.stream())
            .anyMatch(s -> Terms.mentions(s.start, term) || Terms.mentions(s.end, term) || Terms.mentions(s.motion, term));
        if (!shown) {
          violations.add("no shot shows \"" + term + "\", which the plan must include: put it in at least one "
              + "shot's startPrompt, endPrompt or motionPrompt");
        }
      }
    }

    private void fitDurations(List<WScene> scenes) {
      long sum = refit(scenes);
      if (sum > targetDuration + tolerance && shotCount(scenes) > 1) {
        violations.add("the shots add up to " + sum + " s, more than the " + fmt(targetDuration) + " s target (±"
            + fmt(tolerance) + " s) even with the shortest allowed clips: use fewer shots");
        int dropped = 0;
        while (sum > targetDuration + tolerance && shotCount(scenes) > 1) {
          dropMiddleShot(scenes);
          dropped++;
          sum = refit(scenes);
        }
        warnings.add("removed " + dropped + (dropped == 1 ? " shot" : " shots")
            + " from the middle of the plan to fit the " + fmt(targetDuration) + " s target");
      }
      if (sum > targetDuration + tolerance) {
        warnings.add("the plan is " + sum + " s, the nearest achievable to the " + fmt(targetDuration)
            + " s target with clips of " + allowedText());
      } else if (sum < targetDuration - tolerance) {
        int shots = shotCount(scenes);
        OptionalInt cap = constraints.maxShots();
        int max = allowedDurations.last();
        boolean canAdd = cap.isEmpty() || (shots < cap.getAsInt()
            && (long) cap.getAsInt() * max >= targetDuration - tolerance);
        if (canAdd) {
          violations.add("the shots add up to " + sum + " s, short of the " + fmt(targetDuration) + " s target (±"
              + fmt(tolerance) + " s) even with the longest allowed clips (" + max + " s): add shots");
        } else {
          warnings.add("the plan is " + sum + " s, the nearest achievable to the " + fmt(targetDuration)
              + " s target within the limits (at most " + (cap.isPresent() ? cap.getAsInt() : shots) + " shots of at most "
              + max + " s)");
        }
      }
    }

    private long refit(List<WScene> scenes) {
      List<WShot> all = scenes.stream().flatMap(s -> s.shots.stream()).toList();
      int[] fitted = ShotTiming.fit(all.stream().mapToInt(s -> s.duration).toArray(), allowedDurations,
          targetDuration, tolerance);
      for (int i = 0; i < fitted.length; i++) {
        all.get(i).duration = fitted[i];
      }
      return ShotTiming.sum(fitted);
    }

    private void dropMiddleShot(List<WScene> scenes) {
      double middle = (scenes.size() - 1) / 2.0;
      WScene pick = null;
      int pickIndex = -1;
      for (int i = 0; i < scenes.size(); i++) {
        WScene s = scenes.get(i);
        if (s.shots.size() < 2) {
          continue;
        }
        if (pick == null || s.shots.size() > pick.shots.size()
            || (s.shots.size() == pick.shots.size() && Math.abs(i - middle) < Math.abs(pickIndex - middle))) {
          pick = s;
          pickIndex = i;
        }
      }
      if (pick != null) {
        pick.shots.remove(pick.shots.size() / 2);
      } else {
        scenes.remove(scenes.size() / 2);
      }
    }

    private int shotCount(List<WScene> scenes) {
      return scenes.stream().mapToInt(s -> s.shots.size()).sum();
    }

    private VideoDirection build(String title, String narrative, List<WScene> scenes) {
      List<DirectedScene> out = new ArrayList<>();
      int shotId = 1;
      int sceneId = 1;
      double total = 0;
      for (WScene scene : scenes) {
        List<DirectedShot> shots = new ArrayList<>();
        for (WShot s : scene.shots) {
          shots.add(new DirectedShot(shotId++, s.duration, s.start, s.end, s.motion, s.move, s.lighting, s.palette,
              s.in, s.out));
          total += s.duration;
        }
        out.add(new DirectedScene(sceneId++, scene.name, scene.description, scene.mood, shots));
      }
      return new VideoDirection(title, narrative == null ? "" : narrative, total, out, null);
    }
  }

  // ---------- JSON helpers ----------

  /** The value of a field by its canonical name or any alias, matched case- and separator-insensitively. */
  private static JsonNode field(JsonNode obj, String canonical) {
    if (!obj.isObject()) {
      return null;
    }
    List<String> aliases = ALIASES.getOrDefault(canonical, List.of(canonical.toLowerCase(Locale.ROOT)));
    JsonNode exact = obj.get(canonical);
    if (exact != null) {
      return exact;
    }
    for (String alias : aliases) {
      Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (squash(e.getKey()).equals(alias)) {
          return e.getValue();
        }
      }
    }
    return null;
  }

  private static String squash(String key) {
    return key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /** Scalar text (numbers and booleans as written), lists of text joined; null if absent or blank. */
  private static String text(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    String s;
    if (n.isValueNode()) {
      s = n.asText();
    } else if (n.isArray() && allTextual(n)) {
      s = joinText(n);
    } else {
      return null;
    }
    s = s.strip();
    return s.isEmpty() ? null : s;
  }

  private static boolean allTextual(JsonNode array) {
    for (JsonNode e : array) {
      if (!e.isValueNode() || e.isNull()) {
        return false;
      }
    }
    return true;
  }

  private static String joinText(JsonNode array) {
    List<String> parts = new ArrayList<>();
    array.forEach(e -> {
      String t = e.asText().strip();
      if (!t.isEmpty()) {
        parts.add(t);
      }
    });
    return String.join(", ", parts);
  }

  private static Integer intValue(JsonNode n) {
    if (n == null) {
      return null;
    }
    if (n.isIntegralNumber() && n.canConvertToInt()) {
      return n.intValue();
    }
    if (n.isTextual() && n.asText().strip().matches("\\d{1,9}")) {
      return Integer.parseInt(n.asText().strip());
    }
    return null;
  }

  private static String kind(JsonNode n) {
    if (n.isObject()) {
      return "an object";
    }
    if (n.isArray()) {
      return "an array";
    }
    if (n.isTextual()) {
      return "text \"" + abbreviate(n.asText()) + "\"";
    }
    if (n.isBoolean()) {
      return "a boolean";
    }
    if (n.isNumber()) {
      return "the number " + n.asText();
    }
    return "null";
  }

  private static String abbreviate(String s) {
    String t = s.strip();
    return t.length() > 40 ? t.substring(0, 37) + "..." : t;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String orDefault(String s, String... fallbacks) {
    if (s != null && !s.isBlank()) {
      return s;
    }
    for (String f : fallbacks) {
      if (f != null && !f.isBlank()) {
        return f;
      }
    }
    return fallbacks.length == 0 ? s : fallbacks[fallbacks.length - 1];
  }

  /** Builds a {@link DirectionNormalizer}. Not thread-safe. */
  public static final class Builder {
    private Double targetDuration;
    private SortedSet<Integer> allowedDurations = DEFAULT_SHOT_SECONDS;
    private double tolerance = DEFAULT_TOLERANCE_SECONDS;
    private DirectorConstraints constraints = DirectorConstraints.NONE;
    private int imagePromptLimit = DEFAULT_IMAGE_PROMPT_LIMIT;
    private int motionPromptLimit = DEFAULT_MOTION_PROMPT_LIMIT;
    private String fallbackTitle = "Untitled";

    private Builder() {
    }

    /**
     * @param seconds the wanted total (required), above 0
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder targetDuration(double seconds) {
      if (!(seconds > 0) || Double.isInfinite(seconds)) {
        throw new IllegalArgumentException("targetDuration must be a positive number of seconds, got " + seconds);
      }
      this.targetDuration = seconds;
      return this;
    }

    /**
     * @param seconds the clip lengths shots may have (default {@link #DEFAULT_SHOT_SECONDS})
     * @return this builder
     * @throws IllegalArgumentException if empty or holding a length that is not positive
     */
    public Builder allowedDurations(Collection<Integer> seconds) {
      Objects.requireNonNull(seconds, "seconds");
      if (seconds.isEmpty()) {
        throw new IllegalArgumentException("allowedDurations is empty");
      }
      TreeSet<Integer> set = new TreeSet<>();
      for (Integer s : seconds) {
        if (s == null || s <= 0) {
          throw new IllegalArgumentException("allowedDurations must be positive, got " + s);
        }
        set.add(s);
      }
      this.allowedDurations = set;
      return this;
    }

    /**
     * Takes the clip lengths and the motion prompt limit from a video model.
     *
     * @param capabilities the video model's capabilities
     * @return this builder
     */
    public Builder videoCapabilities(VideoCapabilities capabilities) {
      Objects.requireNonNull(capabilities, "capabilities");
      allowedDurations(capabilities.durationsSeconds());
      this.motionPromptLimit = capabilities.maxPromptLength();
      return this;
    }

    /**
     * @param chars the longest start/end prompt kept (default 4000)
     * @return this builder
     * @throws IllegalArgumentException if below 20
     */
    public Builder imagePromptLimit(int chars) {
      if (chars < 20) {
        throw new IllegalArgumentException("imagePromptLimit must be at least 20, got " + chars);
      }
      this.imagePromptLimit = chars;
      return this;
    }

    /**
     * @param chars the longest motion prompt kept (default 2500)
     * @return this builder
     * @throws IllegalArgumentException if below 20
     */
    public Builder motionPromptLimit(int chars) {
      if (chars < 20) {
        throw new IllegalArgumentException("motionPromptLimit must be at least 20, got " + chars);
      }
      this.motionPromptLimit = chars;
      return this;
    }

    /**
     * @param seconds how far the total may be from the target (default 5)
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder toleranceSeconds(double seconds) {
      if (!(seconds >= 0) || Double.isInfinite(seconds)) {
        throw new IllegalArgumentException("toleranceSeconds must be zero or more, got " + seconds);
      }
      this.tolerance = seconds;
      return this;
    }

    /**
     * @param constraints limits to check (default none)
     * @return this builder
     */
    public Builder constraints(DirectorConstraints constraints) {
      this.constraints = Objects.requireNonNull(constraints, "constraints");
      return this;
    }

    /**
     * @param title the title used when a plan has none (default {@code "Untitled"})
     * @return this builder
     */
    public Builder fallbackTitle(String title) {
      Objects.requireNonNull(title, "title");
      if (title.isBlank()) {
        throw new IllegalArgumentException("fallbackTitle is blank");
      }
      this.fallbackTitle = title.strip();
      return this;
    }

    /**
     * @return the normaliser
     * @throws IllegalStateException if the target duration is missing
     */
    public DirectionNormalizer build() {
      if (targetDuration == null) {
        throw new IllegalStateException("targetDuration is required");
      }
      return new DirectionNormalizer(this);
    }
  }
}
