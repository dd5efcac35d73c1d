package dev.vcg.local;

import dev.vcg.direction.BrandContext;
import dev.vcg.direction.CameraMove;
import dev.vcg.direction.DirectedScene;
import dev.vcg.direction.DirectedShot;
import dev.vcg.direction.DirectionNormalizer;
import dev.vcg.direction.DirectorConstraints;
import dev.vcg.direction.DirectorInput;
import dev.vcg.direction.OfflinePlanner;
import dev.vcg.direction.TransitionType;
import dev.vcg.direction.VideoDirection;
import dev.vcg.direction.VideoGoal;
import dev.vcg.direction.VideoStyle;
import dev.vcg.direction.internal.ShotTiming;
import dev.vcg.direction.internal.Terms;
import dev.vcg.local.StyleProfile.Act;
import dev.vcg.provider.AspectRatio;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Plans videos by rules, with no language model and no network: the offline director.
 *
 * <p>A plan follows a four-part arc (opening, development, climax, resolution) spread over
 * scenes; camera moves, transitions, lighting, moods and shot lengths follow the style
 * (cinematic, minimal, energetic, documentary, dramatic, playful, corporate, artistic — guessed
 * from the concept when none is given); prompts are built from the concept's subject and key
 * words, the brand (colours, call to action) and the goal. Shot lengths are chosen from the allowed
 * clip lengths so the total is as close as possible to the target; scene and shot limits, terms to
 * include and terms to avoid are honoured; a template's structure or a list of shot lengths is
 * followed when given. Where a cut or crossfade joins two shots the second starts on the first's
 * end frame, so generation can share it.
 *
 * <p>Deterministic: the same input and seed give the same plan; other seeds give other plans.
 * Stateless and thread-safe.
 *
 * <pre>{@code
 * VideoDirection plan = RulePlanner.create().plan(input, DirectionNormalizer.DEFAULT_SHOT_SECONDS, 42L);
 * }</pre>
 */
public final class RulePlanner implements OfflinePlanner {
  private static final RulePlanner INSTANCE = new RulePlanner();
  private static final double TOLERANCE = DirectionNormalizer.DEFAULT_TOLERANCE_SECONDS;

  private static final Set<String> STOPWORDS = Set.of(
      "about", "above", "after", "again", "against", "also", "among", "around", "because", "before", "being",
      "below", "between", "both", "could", "create", "does", "doing", "down", "during", "each", "every", "from",
      "further", "generate", "have", "having", "here", "into", "just", "like", "made", "make", "more", "most",
      "much", "need", "only", "other", "over", "please", "same", "should", "show", "showing", "some", "such",
      "than", "that", "their", "them", "then", "there", "these", "they", "this", "those", "through", "under",
      "until", "very", "video", "want", "were", "what", "when", "where", "which", "while", "with", "within",
      "would", "your", "film", "clip", "second", "seconds", "minute", "minutes", "style", "shot", "shots",
      "scene", "scenes", "featuring", "feature", "using", "makes", "short", "long", "quick");
  private static final Set<String> SMALL_WORDS = Set.of("a", "an", "the", "of", "and", "or", "with", "in", "on",
      "at", "to", "for", "by");
  private static final Pattern LEADING_FILLER = Pattern.compile(
      "^(?:please\\s+)?(?:(?:create|make|generate|produce|render|film|shoot|design|i want|i need|we want|we need)"
          + "\\s+(?:me\\s+|us\\s+)?)?(?:(?:an?|the)\\s+)?(?:(?:short|quick|cinematic|epic|\\d+[- ]?(?:s|sec|second)s?)"
          + "\\s+)*(?:video|film|clip|ad|advert|commercial|teaser|reel|spot|trailer|animation)?\\s*"
          + "(?:about|of|showing|that shows|featuring|on|for|where|in which)?\\s+",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern FEATURE = Pattern.compile(
      "\\b(?:add|include|show|feature|more of|more)\\s+(?:an?\\s+|the\\s+|some\\s+|more\\s+)?"
          + "([^,.;:!?]+?)(?=\\s+(?:and|but|while|so)\\b|[,.;:!?]|$)", Pattern.CASE_INSENSITIVE);

  private RulePlanner() {
  }

  /** @return the planner */
  public static RulePlanner create() {
    return INSTANCE;
  }

  /**
   * Plans a video for whole-second clips from 3 to 10 seconds.
   *
   * @param input what to plan
   * @param seed varies the plan
   * @return the plan
   */
  public VideoDirection plan(DirectorInput input, long seed) {
    return plan(input, DirectionNormalizer.DEFAULT_SHOT_SECONDS, seed);
  }

  @Override
  public VideoDirection plan(DirectorInput input, SortedSet<Integer> allowedDurations, long seed) {
    Objects.requireNonNull(input, "input");
    checkAllowed(allowedDurations);
    return new Draft(input, allowedDurations, seed, Bias.NONE).build(null);
  }

  /**
   * Revises a plan by rules: the feedback's requests for close-ups or wide views bias the camera,
   * "faster" or "slower" change the pacing, "add …" / "show …" / "more …" put those things in the
   * prompts; the input already carries any new length or style. The title is kept.
   */
  @Override
  public VideoDirection refine(VideoDirection current, DirectorInput input, String feedback,
                               SortedSet<Integer> allowedDurations, long seed) {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(feedback, "feedback");
    checkAllowed(allowedDurations);
    return new Draft(input, allowedDurations, seed, Bias.from(feedback, input.constraints().avoid()))
        .build(current.title());
  }

  private static void checkAllowed(SortedSet<Integer> allowed) {
    Objects.requireNonNull(allowed, "allowedDurations");
    if (allowed.isEmpty() || allowed.first() <= 0) {
      throw new IllegalArgumentException("allowedDurations must hold positive lengths, got " + allowed);
    }
  }

  @Override
  public String toString() {
    return "RulePlanner";
  }

  /** What refinement feedback asks of the next plan. */
  private record Bias(CameraMove move, double pace, List<String> features) {
    static final Bias NONE = new Bias(null, 1.0, List.of());

    static Bias from(String feedback, List<String> avoid) {
      String f = feedback.toLowerCase(Locale.ROOT);
      CameraMove move = null;
      if (f.matches("(?s).*\\b(close[- ]?ups?|closer|details?|intimate)\\b.*")) {
        move = CameraMove.PUSH_IN;
      } else if (f.matches("(?s).*\\b(wide|wider|aerial|establishing|overview|bird'?s[- ]eye|epic scale)\\b.*")) {
        move = CameraMove.CRANE_UP;
      } else if (f.matches("(?s).*\\b(static|steady|still camera|less movement|calmer camera)\\b.*")) {
        move = CameraMove.STATIC;
      }
      double pace = 1.0;
      if (f.matches("(?s).*\\b(faster|quicker|snappier|punchier|more energy|more energetic|shorter shots|fast[- ]paced)\\b.*")) {
        pace = 0.6;
      } else if (f.matches("(?s).*\\b(slower|calmer|longer shots|more breathing room|slow[- ]paced|linger)\\b.*")) {
        pace = 1.5;
      }
      List<String> features = new ArrayList<>();
      Matcher m = FEATURE.matcher(feedback);
      while (m.find() && features.size() < 4) {
        String term = m.group(1).strip();
        String[] words = term.split("\\s+");
        if (words.length > 6) {
          term = String.join(" ", Arrays.copyOf(words, 6));
        }
        for (String a : avoid) {
          term = Terms.remove(term, a);
        }
        if (term.length() > 2 && !term.matches("(?i)(energy|energetic|pace|movement|motion|drama|time|seconds?)")) {
          features.add(term);
        }
      }
      return new Bias(move, pace, List.copyOf(features));
    }
  }

  /** The concept's subject and key words, without avoided terms. */
  private record Concept(String subject, List<String> keywords) {
    static Concept parse(String concept, List<String> avoid) {
      String first = concept.strip().split("[.;!?\\n]", 2)[0].strip();
      if (first.isEmpty()) {
        first = concept.strip();
      }
      String subject = LEADING_FILLER.matcher(first).replaceFirst("").strip();
      if (subject.isEmpty()) {
        subject = first;
      }
      String[] words = subject.split("\\s+");
      if (words.length > 8 && subject.indexOf(',') > 0) {
        subject = subject.substring(0, subject.indexOf(',')).strip();
        words = subject.split("\\s+");
      }
      if (words.length > 14) {
        subject = String.join(" ", Arrays.copyOf(words, 14));
      }
      subject = subject.replaceAll("(?i)[\\s,;:]+(?:and|or|with|of|the|a|an|in|on|at|to)$", "").strip();
      for (String a : avoid) {
        subject = Terms.remove(subject, a);
      }
      if (subject.isBlank()) {
        subject = "the subject";
      }
      Set<String> keys = new LinkedHashSet<>();
      for (String w : concept.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}'-]+")) {
        String k = w.replaceAll("^['-]+|['-]+$", "");
        if (k.length() >= 4 && !STOPWORDS.contains(k) && avoid.stream().noneMatch(a -> Terms.mentions(k, a))) {
          keys.add(k);
        }
        if (keys.size() == 8) {
          break;
        }
      }
      return new Concept(subject, List.copyOf(keys));
    }
  }

  /** One plan in the making. */
  private static final class Draft {
    private final DirectorInput input;
    private final SortedSet<Integer> allowed;
    private final SplittableRandom rng;
    private final Bias bias;
    private final StyleProfile profile;
    private final Concept concept;
    private final DirectorConstraints constraints;

    Draft(DirectorInput input, SortedSet<Integer> allowed, long seed, Bias bias) {
      this.input = input;
      this.allowed = allowed;
      this.rng = new SplittableRandom(seed ^ (stableHash(input.concept()) * 0x9E3779B97F4A7C15L));
      this.bias = bias;
      VideoStyle style = input.style().orElseGet(() -> guessStyle(input.concept()));
      this.profile = StyleProfile.of(style);
      this.constraints = input.constraints();
      this.concept = Concept.parse(input.concept(), constraints.avoid());
    }

    VideoDirection build(String keepTitle) {
      List<Integer> sceneSizes = new ArrayList<>();
      int[] durations = durations(sceneSizes);
      int n = durations.length;
      Act[] acts = acts(n);
      String palette = palette();
      List<String> features = new ArrayList<>(constraints.mustInclude());
      features.addAll(bias.features());

      List<DirectedScene> scenes = new ArrayList<>();
      Set<String> sceneNames = new LinkedHashSet<>();
      DirectedShot prev = null;
      int shot = 0;
      for (int s = 0; s < sceneSizes.size(); s++) {
        int size = sceneSizes.get(s);
        Act sceneAct = acts[shot + size / 2];
        List<DirectedShot> shots = new ArrayList<>();
        for (int k = 0; k < size; k++, shot++) {
          boolean lastInScene = k == size - 1;
          boolean last = shot == n - 1;
          DirectedShot made = shot(shot, n, durations[shot], acts[shot], prev, palette, features, lastInScene, last);
          shots.add(made);
          prev = made;
        }
        String name = sceneName(sceneAct, sceneNames);
        scenes.add(new DirectedScene(s + 1, name, scrub(sceneDescription(sceneAct)), scrub(mood(sceneAct)), shots));
      }
      String title = keepTitle != null ? keepTitle : scrub(title());
      if (title.isBlank()) {
        title = "Untitled";
      }
      VideoDirection plan = new VideoDirection(title, "", 0, scenes, null);
      return new VideoDirection(title, scrub(narrative(plan)), plan.shotDuration(), scenes, null);
    }

    // ---------- timing and structure ----------

    private int[] durations(List<Integer> sceneSizes) {
      int capacity = constraints.maxShots().orElse(DirectionNormalizer.MAX_SHOTS);
      capacity = Math.min(capacity, DirectionNormalizer.MAX_SHOTS);
      double target = input.targetDuration();
      int min = allowed.first();
      int max = allowed.last();
      List<Integer> templateSizes = List.of();
      List<Double> base;
      if (input.template().isPresent()) {
        VideoDirection t = input.template().get();
        base = t.shots().stream().map(DirectedShot::duration).collect(Collectors.toCollection(ArrayList::new));
        templateSizes = t.scenes().stream().map(sc -> sc.shots().size()).toList();
      } else if (!input.shotDurations().isEmpty()) {
        base = new ArrayList<>(input.shotDurations());
      } else {
        double pref = Math.max(min, Math.min(max, profile.shotSeconds * bias.pace()));
        int prefSnap = ShotTiming.snap(pref, allowed);
        int count = (int) Math.max(1, Math.round(target / prefSnap));
        int fewest = (int) Math.max(1, Math.ceil((target - TOLERANCE) / max));
        int most = (int) Math.max(1, Math.floor((target + TOLERANCE) / min));
        count = Math.max(fewest, Math.min(most, count));
        base = new ArrayList<>();
        double spread = Math.max(1, pref * 0.3);
        for (int i = 0; i < count; i++) {
          base.add(pref + (rng.nextDouble() * 2 - 1) * spread);
        }
      }
      // Too many shots for the target or the limits: keep the opening and ending.
      int most = (int) Math.max(1, Math.floor((target + TOLERANCE) / min));
      int keep = Math.min(base.size(), Math.min(capacity, most));
      if (keep < base.size()) {
        List<Double> kept = new ArrayList<>(base.subList(0, keep - 1));
        kept.add(base.get(base.size() - 1));
        base = kept;
        templateSizes = List.of();
      }
      int[] snapped = base.stream().mapToInt(d -> ShotTiming.snap(d, allowed)).toArray();
      // A template's or reference's timing is kept while within the tolerance; our own aims exactly.
      boolean following = input.template().isPresent() || !input.shotDurations().isEmpty();
      int[] fitted = ShotTiming.fit(snapped, allowed, target, following ? TOLERANCE : 0);
      sceneSizes.addAll(templateSizes.isEmpty() || !fitsLimits(templateSizes) ? split(fitted.length) : templateSizes);
      return fitted;
    }

    private boolean fitsLimits(List<Integer> sizes) {
      return sizes.size() <= constraints.maxScenes().orElse(Integer.MAX_VALUE)
          && sizes.stream().allMatch(s -> s <= constraints.maxShotsPerScene().orElse(Integer.MAX_VALUE));
    }

    /** Scene sizes for n shots: four movements, more scenes for long plans, within the limits. */
    private List<Integer> split(int n) {
      int m = n < 4 ? n : n < 10 ? 4 : Math.max(5, (int) Math.ceil(n / 6.0));
      m = Math.min(m, constraints.maxScenes().orElse(Integer.MAX_VALUE));
      int perScene = constraints.maxShotsPerScene().orElse(Integer.MAX_VALUE);
      m = Math.max(m, (int) Math.ceil((double) n / perScene));
      m = Math.max(1, Math.min(m, n));
      int[] sizes = new int[m];
      Arrays.fill(sizes, n / m);
      int extra = n % m;
      double middle = (m - 1) / 2.0;
      List<Integer> order = IntStream.range(0, m).boxed()
          .sorted(Comparator.comparingDouble((Integer i) -> Math.abs(i - middle)).thenComparing(i -> i)).toList();
      for (int i = 0; i < extra; i++) {
        sizes[order.get(i)]++;
      }
      return Arrays.stream(sizes).boxed().toList();
    }

    private static Act[] acts(int n) {
      Act[] acts = new Act[n];
      if (n == 1) {
        acts[0] = Act.CLIMAX;
        return acts;
      }
      if (n == 2) {
        return new Act[] {Act.OPENING, Act.CLIMAX};
      }
      if (n == 3) {
        return new Act[] {Act.OPENING, Act.CLIMAX, Act.RESOLUTION};
      }
      for (int i = 0; i < n; i++) {
        double p = (double) i / (n - 1);
        acts[i] = i == 0 ? Act.OPENING : i == n - 1 ? Act.RESOLUTION
            : p < 0.25 ? Act.OPENING : p < 0.65 ? Act.DEVELOPMENT : Act.CLIMAX;
      }
      return acts;
    }

    // ---------- shots ----------

    private DirectedShot shot(int index, int n, int duration, Act act, DirectedShot prev, String palette,
                              List<String> features, boolean lastInScene, boolean last) {
      CameraMove move = move(act, prev == null ? null : prev.cameraMove());
      String[] framing = framing(move);
      String lighting = pick(profile.lighting.get(act));
      String[] beat = beat(act);
      String keyword = concept.keywords().isEmpty() ? null
          : concept.keywords().get((index + rng.nextInt(concept.keywords().size())) % concept.keywords().size());
      List<String> extras = new ArrayList<>();
      for (int j = 0; j < features.size(); j++) {
        int at = (int) Math.min(n - 1, Math.floor((j + 0.5) * n / features.size()));
        if (at == index) {
          extras.add(features.get(j));
        }
      }
      boolean continuous = prev != null && prev.transitionOutOrCut().isContinuous();
      String start = continuous ? prev.endPrompt()
          : prompt(framing[0], beat[0], keyword, lighting, palette, List.of());
      List<String> endExtras = new ArrayList<>(extras);
      if (last) {
        endExtras.addAll(closing());
      }
      String end = prompt(framing[1], beat[1], keyword, lighting, palette, endExtras);
      String motion = cameraPhrase(move) + "; " + fill(beat[2], keyword)
          + (extras.isEmpty() ? "" : ", revealing " + String.join(" and ", extras));
      TransitionType out = last ? profile.ending
          : lastInScene ? pick(profile.betweenScenes) : pick(profile.withinScene);
      TransitionType in = index == 0 ? profile.opening : null;
      String colors = input.brand().map(BrandContext::palette).filter(p -> !p.isEmpty())
          .map(p -> String.join(", ", p)).orElse(palette);
      return DirectedShot.builder().id(index + 1).duration(duration).startPrompt(scrub(start)).endPrompt(scrub(end))
          .motionPrompt(scrub(motion)).cameraMove(move).lighting(scrub(lighting)).colorPalette(scrubOrNull(colors))
          .transitionIn(in).transitionOut(out).build();
    }

    private CameraMove move(Act act, CameraMove previous) {
      if (bias.move() != null && rng.nextDouble() < 0.6) {
        return bias.move();
      }
      List<CameraMove> options = profile.moves.get(act);
      CameraMove m = pick(options);
      if (m == previous && options.size() > 1) {
        m = pick(options);
      }
      return m;
    }

    private String prompt(String framing, String beat, String keyword, String lighting, String palette,
                          List<String> extras) {
      List<String> parts = new ArrayList<>();
      parts.add(framing + " of " + concept.subject());
      parts.add(fill(beat, keyword));
      extras.forEach(e -> parts.add(e.startsWith("end card") || e.startsWith("the ") ? e : "featuring " + e));
      parts.add(lighting);
      input.brand().filter(b -> !b.palette().isEmpty())
          .ifPresentOrElse(b -> parts.add("in the brand colours " + String.join(", ", b.palette())),
              () -> parts.add(palette + " palette"));
      parts.add(profile.keywords);
      parts.add(composition(input.aspectRatio()));
      return String.join(", ", parts);
    }

    private List<String> closing() {
      List<String> extras = new ArrayList<>();
      input.brand().ifPresent(b -> {
        b.name().ifPresent(n -> extras.add("the " + n + " logo presented cleanly"));
        b.callToAction().ifPresent(c -> extras.add("end card with the words \"" + c + "\""));
      });
      if (extras.isEmpty() && input.goal().orElse(null) == VideoGoal.CONVERSION) {
        extras.add("the " + concept.subject() + " presented as an inviting final offer");
      }
      return extras;
    }

    private String[] framing(CameraMove move) {
      return switch (move) {
        case PUSH_IN -> new String[] {"wide shot", "close-up"};
        case PULL_OUT -> new String[] {"close-up", "wide shot"};
        case CRANE_UP -> new String[] {"low-angle shot", "high aerial view"};
        case CRANE_DOWN -> new String[] {"high aerial view", "eye-level medium shot"};
        case TILT_UP -> new String[] {"shot looking down at the base", "upward view toward the top"};
        case TILT_DOWN -> new String[] {"shot looking up at the sky", "downward view of the ground"};
        case PAN_LEFT, DOLLY_LEFT -> new String[] {"medium shot framed right", "medium shot framed left"};
        case PAN_RIGHT, DOLLY_RIGHT -> new String[] {"medium shot framed left", "medium shot framed right"};
        case STATIC -> new String[] {"steady medium shot", "steady medium shot"};
      };
    }

    private static String cameraPhrase(CameraMove move) {
      return switch (move) {
        case PUSH_IN -> "the camera pushes in slowly";
        case PULL_OUT -> "the camera pulls back to reveal the scene";
        case CRANE_UP -> "the camera cranes up and rises above";
        case CRANE_DOWN -> "the camera cranes down to eye level";
        case TILT_UP -> "the camera tilts up";
        case TILT_DOWN -> "the camera tilts down";
        case PAN_LEFT -> "the camera pans left";
        case PAN_RIGHT -> "the camera pans right";
        case DOLLY_LEFT -> "the camera tracks left alongside the action";
        case DOLLY_RIGHT -> "the camera tracks right alongside the action";
        case STATIC -> "the camera holds still";
      };
    }

    /** Start beat, end beat and motion beat for an act ({k} is a key word of the concept). */
    private String[] beat(Act act) {
      VideoGoal goal = input.goal().orElse(null);
      List<String[]> options = switch (act) {
        case OPENING -> goal == VideoGoal.ENGAGEMENT
            ? List.<String[]>of(new String[] {"an arresting, unexpected first image", "the {k} suddenly in focus",
                "an instant hook as the {k} appears"})
            : List.<String[]>of(
                new String[] {"establishing the world at first light, quiet anticipation", "the {k} comes into view",
                    "the scene slowly wakes"},
                new String[] {"a calm establishing view, details hidden in shadow", "first glimpse of the {k}",
                    "light spreads across the scene"},
                new String[] {"an atmospheric opening, the setting in mist", "the {k} emerging from the mist",
                    "mist drifts and parts"});
        case DEVELOPMENT -> goal == VideoGoal.EDUCATION
            ? List.<String[]>of(new String[] {"step by step, the {k} shown clearly", "the {k} explained in a clear detail view",
                "each part moves into place"})
            : List.<String[]>of(
                new String[] {"the story builds, the {k} in motion", "energy gathering around the {k}",
                    "movement grows steadily"},
                new String[] {"textured details of the {k}", "hands and tools at work on the {k}",
                    "the action gathers pace"},
                new String[] {"the journey continues through the {k}", "a new angle on the {k}, momentum rising",
                    "the subject moves forward with purpose"});
        case CLIMAX -> goal == VideoGoal.ANNOUNCEMENT
            ? List.<String[]>of(new String[] {"the moment before the big reveal", "the big reveal, the {k} in full glory",
                "the reveal bursts into view"})
            : List.<String[]>of(
                new String[] {"the decisive moment approaches", "the {k} at its most striking, peak intensity",
                    "everything converges in one powerful motion"},
                new String[] {"tension at its height", "a breathtaking reveal of the {k}",
                    "the reveal unfolds in a sweeping motion"});
        case RESOLUTION -> List.<String[]>of(
            new String[] {"the calm after the peak", "a lasting final image of the {k}, settled and complete",
                "motion slows to stillness"},
            new String[] {"the scene settles into quiet", "a serene closing view with the {k} at rest",
                "the light fades gently"});
      };
      return options.get(rng.nextInt(options.size()));
    }

    private String fill(String template, String keyword) {
      return template.replace("{k}", keyword == null ? "scene" : keyword);
    }

    private static String composition(AspectRatio r) {
      double v = r.value();
      return v > 1.05 ? "wide " + r + " composition" : v < 0.95 ? "vertical " + r + " composition, subject centred"
          : "square composition, centred subject";
    }

    private String palette() {
      return pick(profile.palettes);
    }

    // ---------- text ----------

    private String title() {
      String[] words = concept.subject().replaceAll("[\"'“”]", "").split("\\s+");
      List<String> out = new ArrayList<>();
      for (int i = 0; i < Math.min(6, words.length); i++) {
        String w = words[i];
        boolean small = i > 0 && SMALL_WORDS.contains(w.toLowerCase(Locale.ROOT));
        out.add(w.isEmpty() || small ? w.toLowerCase(Locale.ROOT) : Character.toUpperCase(w.charAt(0)) + w.substring(1));
      }
      return String.join(" ", out).replaceAll("(?i)[\\s,;:]+(?:and|or|with|of|the|a|an|in|on|at|to)$", "")
          .replaceAll("[,;:]+$", "");
    }

    private String sceneName(Act act, Set<String> used) {
      List<String> names = switch (act) {
        case OPENING -> List.of("Opening", "First Light", "The World", "Arrival", "Prelude");
        case DEVELOPMENT -> List.of("The Build", "Rising Action", "The Journey", "Momentum", "Unfolding");
        case CLIMAX -> List.of("The Reveal", "The Peak", "The Turning Point", "Climax", "The Moment");
        case RESOLUTION -> List.of("Resolution", "Afterglow", "Homecoming", "The Promise", "Finale");
      };
      int startAt = rng.nextInt(names.size());
      for (int i = 0; i < names.size(); i++) {
        String name = names.get((startAt + i) % names.size());
        if (used.add(name)) {
          return name;
        }
      }
      String name = names.get(startAt) + " " + (used.size() + 1);
      used.add(name);
      return name;
    }

    private String sceneDescription(Act act) {
      String s = concept.subject();
      return switch (act) {
        case OPENING -> "Establishing " + s + ": the setting and the mood.";
        case DEVELOPMENT -> "Building the story of " + s + " through detail and movement.";
        case CLIMAX -> "The peak: " + s + " at its most striking.";
        case RESOLUTION -> "Resolution: a lasting final image of " + s + ".";
      };
    }

    private String mood(Act act) {
      String m = pick(profile.moods.get(act));
      return input.brand().flatMap(BrandContext::tone).map(t -> m + ", " + t).orElse(m);
    }

    private String narrative(VideoDirection plan) {
      String names = plan.scenes().stream().map(DirectedScene::name).collect(Collectors.joining(", "));
      int count = plan.scenes().size();
      return "A " + Math.round(plan.shotDuration()) + "-second " + profile.style.wireName() + " video about "
          + concept.subject() + " in " + count + (count == 1 ? " scene" : " scenes") + " (" + names + "): it opens "
          + "on the setting, builds through detail and movement, peaks in a striking reveal and ends on a lasting "
          + "final image.";
    }

    private String scrub(String text) {
      String t = text;
      for (String a : constraints.avoid()) {
        t = Terms.remove(t, a);
      }
      return t == null ? "" : t;
    }

    private String scrubOrNull(String text) {
      if (text == null) {
        return null;
      }
      String t = scrub(text);
      return t.isBlank() ? null : t;
    }

    private <T> T pick(List<T> options) {
      return options.get(rng.nextInt(options.size()));
    }
  }

  static VideoStyle guessStyle(String concept) {
    String c = concept.toLowerCase(Locale.ROOT);
    String[][] rules = {
        {"minimal|calm|zen|serene|simple|clean", "MINIMAL"},
        {"kids|child|fun|cartoon|playful|cute|toy|puppy|kitten|candy", "PLAYFUL"},
        {"corporate|business|saas|startup|enterprise|b2b|company|office|fintech|product demo|app ", "CORPORATE"},
        {"documentary|history|nature|wildlife|interview|science|behind the scenes", "DOCUMENTARY"},
        {"dark|drama|tense|war|storm|haunt|thriller|battle|tragic", "DRAMATIC"},
        {"sport|energy|fast|hype|workout|dance|party|festival|racing|skate", "ENERGETIC"},
        {"art|surreal|dream|abstract|painting|poetic|ethereal", "ARTISTIC"}};
    for (String[] rule : rules) {
      if (Pattern.compile("\\b(?:" + rule[0] + ")").matcher(c).find()) {
        return VideoStyle.valueOf(rule[1]);
      }
    }
    return VideoStyle.CINEMATIC;
  }

  static long stableHash(String text) {
    long h = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
