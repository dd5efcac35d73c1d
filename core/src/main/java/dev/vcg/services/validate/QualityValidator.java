package dev.vcg.services.validate;

import dev.vcg.direction.DirectedScene;
import dev.vcg.direction.DirectedShot;
import dev.vcg.direction.DirectionResult;
import dev.vcg.direction.DirectionSource;
import dev.vcg.direction.VideoDirection;
import dev.vcg.direction.VideoGoal;
import dev.vcg.provider.VideoCapabilities;
import dev.vcg.services.brand.BrandColor;
import dev.vcg.services.brand.BrandProfile;
import dev.vcg.services.brand.ColorRole;
import dev.vcg.services.internal.Colors;
import dev.vcg.services.plan.PlanBrief;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a plan against its brief and the video model, and scores it.
 *
 * <p><b>Brand consistency</b> (when the brief has a brand with colours of its own): a shot uses
 * the palette when its prompts or colour palette name one of the brand's primary, secondary or
 * accent colours (by hex value, or the primary's or secondary's colour name) or "the brand
 * colours"; no shot → error, fewer than half → warning. A known brand name found nowhere → note.
 *
 * <p><b>Goal alignment</b>: conversion — the last scene must carry a call to action (the brand's
 * own words, or phrases such as sign up, buy, shop now, download, subscribe, join, book now, get
 * started, start your, try it, free trial, visit, learn more, "call to action", "end card"), else
 * error; awareness — the brand's name in the first or last scene, else warning; engagement — a first shot of at most 5 s (the hook), else
 * note; education — at least 3 shots, else warning; storytelling — at least 2 scenes, else note.
 *
 * <p><b>Technical validity</b> (with the video model's capabilities): each shot's length is one
 * the model makes, else warning (it will be snapped); a model without end frames → note; an
 * aspect ratio the model does not make → error; motion prompts longer than the model takes →
 * warning. Always: a total length more than max(5 s, 20 %) off the target → warning.
 *
 * <p><b>Score</b>: 1 − 0.25 per error − 0.1 per warning − 0.02 per note, within 0..1.
 * <b>Confidence</b>: the score × 0.85 for a plan made by rules × (0.75 + 0.25 × the brand's
 * confidence) when there is a brand, within 0.05..0.99.
 *
 * <p>Immutable and thread-safe.
 */
public final class QualityValidator {
  private static final Pattern CTA_WORDS = Pattern.compile("\\b(call to action|cta|end card|sign ?up|signups?|buy|"
      + "shop now|order now|order today|download|subscribe|join|book (now|a|your)|get started|start (your|now|today|free)|"
      + "try (it|now|free|for free)|free trial|register|visit|learn more|contact us|apply now|claim|install)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern BRAND_COLOURS = Pattern.compile("\\bbrand colou?rs?\\b", Pattern.CASE_INSENSITIVE);

  private final VideoCapabilities video;

  private QualityValidator(VideoCapabilities video) {
    this.video = video;
  }

  /**
   * @param video the video model plans are made for, or null to skip the model's checks
   * @return a validator
   */
  public static QualityValidator of(VideoCapabilities video) {
    return new QualityValidator(video);
  }

  /** @return the video model's capabilities, if known */
  public Optional<VideoCapabilities> videoCapabilities() {
    return Optional.ofNullable(video);
  }

  /**
   * Checks a director's plan.
   *
   * @param plan the plan and where it came from
   * @param brief what it was made from
   * @return the report
   */
  public QualityReport validate(DirectionResult plan, PlanBrief brief) {
    Objects.requireNonNull(plan, "plan");
    return validate(plan.direction(), plan.source(), brief);
  }

  /**
   * Checks a plan.
   *
   * @param plan the plan
   * @param brief what it was made from
   * @return the report
   */
  public QualityReport validate(VideoDirection plan, PlanBrief brief) {
    return validate(plan, DirectionSource.LLM, brief);
  }

  private QualityReport validate(VideoDirection plan, DirectionSource source, PlanBrief brief) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(brief, "brief");
    List<QualityIssue> issues = new ArrayList<>();
    brand(plan, brief, issues);
    goal(plan, brief, issues);
    technical(plan, brief, issues);
    issues.sort(Comparator.comparing((QualityIssue i) -> -i.severity().ordinal()));
    long errors = count(issues, QualityIssue.Severity.ERROR);
    long warnings = count(issues, QualityIssue.Severity.WARNING);
    long notes = count(issues, QualityIssue.Severity.INFO);
    double score = clamp(1 - 0.25 * errors - 0.1 * warnings - 0.02 * notes, 0, 1);
    double confidence = score * (source == DirectionSource.LLM ? 1 : 0.85);
    if (brief.brand().isPresent()) {
      confidence *= 0.75 + 0.25 * brief.brand().get().confidence();
    }
    return new QualityReport(round(score), round(clamp(confidence, 0.05, 0.99)), issues);
  }

  private static void brand(VideoDirection plan, PlanBrief brief, List<QualityIssue> issues) {
    BrandProfile brand = brief.brand().orElse(null);
    if (brand == null) {
      return;
    }
    List<BrandColor> own = brand.palette().stream()
        .filter(c -> c.role() == ColorRole.PRIMARY || c.role() == ColorRole.SECONDARY || c.role() == ColorRole.ACCENT)
        .filter(c -> c.source() != BrandColor.Source.DERIVED).toList();
    if (!own.isEmpty()) {
      List<String> names = new ArrayList<>();
      own.stream().filter(c -> c.role() != ColorRole.ACCENT)
          .forEach(c -> Colors.parse(c.hex()).ifPresent(rgb -> names.add(Colors.name(rgb))));
      List<DirectedShot> shots = plan.shots();
      long using = shots.stream().filter(s -> usesPalette(s, own, names)).count();
      String hexes = String.join(", ", own.stream().map(BrandColor::hex).toList());
      if (using == 0) {
        issues.add(new QualityIssue(QualityIssue.Category.BRAND, QualityIssue.Severity.ERROR,
            "no shot uses the brand colours (" + hexes + "); name them in the frame prompts", 0));
      } else if (using * 2 < shots.size()) {
        issues.add(new QualityIssue(QualityIssue.Category.BRAND, QualityIssue.Severity.WARNING,
            "only " + using + " of " + shots.size() + " shots use the brand colours (" + hexes + ")", 0));
      }
    }
    if (brand.name().isPresent() && !contains(allText(plan), brand.name().get())) {
      issues.add(new QualityIssue(QualityIssue.Category.BRAND, QualityIssue.Severity.INFO,
          "the brand name \"" + brand.name().get() + "\" appears nowhere in the plan", 0));
    }
  }

  private static boolean usesPalette(DirectedShot s, List<BrandColor> own, List<String> names) {
    String t = (s.startPrompt() + " " + s.endPrompt() + " " + (s.colorPalette() == null ? "" : s.colorPalette()))
        .toLowerCase(Locale.ROOT);
    if (BRAND_COLOURS.matcher(t).find()) {
      return true;
    }
    for (BrandColor c : own) {
      if (t.contains(c.hex())) {
        return true;
      }
    }
    for (String n : names) {
      if (Pattern.compile("\\b" + Pattern.quote(n) + "\\b").matcher(t).find()) {
        return true;
      }
    }
    return false;
  }

  private static void goal(VideoDirection plan, PlanBrief brief, List<QualityIssue> issues) {
    VideoGoal goal = brief.goal().orElse(null);
    if (goal == null) {
      return;
    }
    List<DirectedScene> scenes = plan.scenes();
    DirectedScene last = scenes.get(scenes.size() - 1);
    DirectedScene first = scenes.get(0);
    Optional<String> cta = brief.callToAction();
    switch (goal) {
      case CONVERSION -> {
        String t = sceneText(last);
        boolean has = cta.map(c -> contains(t, c)).orElse(false) || CTA_WORDS.matcher(t).find();
        if (!has) {
          issues.add(new QualityIssue(QualityIssue.Category.GOAL, QualityIssue.Severity.ERROR,
              "the goal is conversion but the last scene has no call to action; end on "
                  + cta.map(c -> "\"" + c + "\"").orElse("a clear call to action (sign up, buy, try, …)"),
              last.shots().get(last.shots().size() - 1).id()));
        }
      }
      case AWARENESS -> {
        Optional<String> name = brief.brand().flatMap(BrandProfile::name);
        if (name.isPresent() && !contains(sceneText(first), name.get()) && !contains(sceneText(last), name.get())) {
          issues.add(new QualityIssue(QualityIssue.Category.GOAL, QualityIssue.Severity.WARNING,
              "the goal is awareness but the brand \"" + name.get() + "\" is not shown in the first or last scene", 0));
        }
      }
      case ENGAGEMENT -> {
        DirectedShot opener = first.shots().get(0);
        if (opener.duration() > 5) {
          issues.add(new QualityIssue(QualityIssue.Category.GOAL, QualityIssue.Severity.INFO,
              "the goal is engagement; open with a hook of at most 5 s (the first shot lasts "
                  + seconds(opener.duration()) + " s)", opener.id()));
        }
      }
      case EDUCATION -> {
        if (plan.shots().size() < 3) {
          issues.add(new QualityIssue(QualityIssue.Category.GOAL, QualityIssue.Severity.WARNING,
              "the goal is education; explain in at least 3 steps (the plan has " + plan.shots().size() + " shots)", 0));
        }
      }
      case STORYTELLING -> {
        if (scenes.size() < 2) {
          issues.add(new QualityIssue(QualityIssue.Category.GOAL, QualityIssue.Severity.INFO,
              "the goal is storytelling; a story needs at least a beginning and an end (the plan has one scene)", 0));
        }
      }
      default -> {
      }
    }
  }

  private void technical(VideoDirection plan, PlanBrief brief, List<QualityIssue> issues) {
    double target = brief.targetDuration();
    double total = plan.shotDuration();
    if (Math.abs(total - target) > Math.max(5, 0.2 * target)) {
      issues.add(new QualityIssue(QualityIssue.Category.TECHNICAL, QualityIssue.Severity.WARNING,
          "the plan runs " + seconds(total) + " s; the request asks for " + seconds(target) + " s", 0));
    }
    if (video == null) {
      return;
    }
    for (DirectedShot s : plan.shots()) {
      int made = video.nearestDuration(s.duration());
      if (Math.abs(made - s.duration()) > 0.01) {
        issues.add(new QualityIssue(QualityIssue.Category.TECHNICAL, QualityIssue.Severity.WARNING,
            "shot " + s.id() + " lasts " + seconds(s.duration()) + " s; the video model makes "
                + video.durationsSeconds() + " s clips, so it will be made as " + made + " s", s.id()));
      }
      if (s.motionPrompt().length() > video.maxPromptLength()) {
        issues.add(new QualityIssue(QualityIssue.Category.TECHNICAL, QualityIssue.Severity.WARNING,
            "shot " + s.id() + "'s motion prompt has " + s.motionPrompt().length() + " characters; the video model "
                + "takes " + video.maxPromptLength() + " and the rest is cut", s.id()));
      }
    }
    if (!video.supportsEndFrame()) {
      issues.add(new QualityIssue(QualityIssue.Category.TECHNICAL, QualityIssue.Severity.INFO,
          "the video model does not take end frames: shots end where the motion takes them, not on their end prompts",
          0));
    }
    if (!video.aspectFollowsImage() && !video.aspectRatios().isEmpty()
        && !video.aspectRatios().contains(brief.aspectRatio())) {
      issues.add(new QualityIssue(QualityIssue.Category.TECHNICAL, QualityIssue.Severity.ERROR,
          "the video model does not make " + brief.aspectRatio() + " video (it makes " + video.aspectRatios()
              + "); choose one of those or another model", 0));
    }
  }

  private static String sceneText(DirectedScene scene) {
    StringBuilder sb = new StringBuilder(scene.name()).append(' ').append(scene.description());
    for (DirectedShot s : scene.shots()) {
      sb.append(' ').append(s.startPrompt()).append(' ').append(s.endPrompt()).append(' ').append(s.motionPrompt());
    }
    return sb.toString();
  }

  private static String allText(VideoDirection plan) {
    StringBuilder sb = new StringBuilder(plan.title()).append(' ').append(plan.narrative());
    plan.scenes().forEach(s -> sb.append(' ').append(sceneText(s)));
    return sb.toString();
  }

  private static boolean contains(String haystack, String needle) {
    return haystack.toLowerCase(Locale.ROOT).contains(needle.strip().toLowerCase(Locale.ROOT));
  }

  private static long count(List<QualityIssue> issues, QualityIssue.Severity s) {
    return issues.stream().filter(i -> i.severity() == s).count();
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static String seconds(double s) {
    return s == Math.rint(s) ? String.valueOf((long) s) : String.format(Locale.ROOT, "%.1f", s);
  }

  @Override
  public String toString() {
    return "QualityValidator[" + (video == null ? "no video model" : video) + "]";
  }
}
