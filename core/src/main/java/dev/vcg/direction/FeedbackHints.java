package dev.vcg.direction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the explicit requests in refinement feedback that change the input rather than the plan:
 * a new total length ("make it 45 seconds", "10 seconds shorter", "a 2 minute version") or a new
 * style ("make it more playful"). Everything else is left to the director.
 */
final class FeedbackHints {
  private static final String UNIT = "(s|sec|secs|seconds?|mins?|minutes?)";
  private static final Pattern RELATIVE = Pattern.compile(
      "(\\d+(?:\\.\\d+)?)\\s*-?\\s*" + UNIT + "\\s+(longer|more|shorter|less)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern ABSOLUTE = Pattern.compile(
      "(?:make (?:it|the (?:video|whole thing|film|clip))|total(?: length| duration)?(?: of)?|overall(?: length)?"
          + "|(?:length|duration|runtime)(?: of)?|(?:cut|trim|shorten|extend|stretch|lengthen)(?: it)?(?: down| out)? to"
          + "|to be|should be)\\s+(?:about |around |roughly |exactly |only |just |at most |under )?"
          + "(\\d+(?:\\.\\d+)?)\\s*-?\\s*" + UNIT + "\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern VERSION = Pattern.compile(
      "(\\d+(?:\\.\\d+)?)\\s*-?\\s*" + UNIT + "\\s+(?:long\\s+)?(?:video|version|cut|spot|ad|clip|film|edit)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern LONGER = Pattern.compile(
      "\\bmake (?:it|the (?:video|whole thing))(?: a (?:bit|little))? (longer|shorter)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern STYLE = Pattern.compile(
      "\\b(?:make it(?: (?:a (?:bit|little) )?more)?|more|in an?|switch to|change (?:the )?style to|go)\\s+([a-z]+)\\b", Pattern.CASE_INSENSITIVE);

  private FeedbackHints() {
  }

  /** The input as the feedback leaves it, and what changed. */
  record Applied(DirectorInput input, List<String> changes) {
  }

  static Applied apply(DirectorInput input, String feedback) {
    List<String> changes = new ArrayList<>();
    DirectorInput.Builder b = input.toBuilder();
    Optional<Double> target = target(input.targetDuration(), feedback);
    if (target.isPresent() && Math.abs(target.get() - input.targetDuration()) >= 0.5) {
      double t = Math.max(1, Math.min(DirectorInput.MAX_TARGET_DURATION, target.get()));
      b.targetDuration(t);
      changes.add("target duration changed from " + DirectionNormalizer.fmt(input.targetDuration()) + " s to "
          + DirectionNormalizer.fmt(t) + " s as the feedback asks");
    }
    Matcher m = STYLE.matcher(feedback);
    while (m.find()) {
      Optional<VideoStyle> style = VideoStyle.tryParse(m.group(1));
      if (style.isPresent()) {
        if (input.style().orElse(null) != style.get()) {
          b.style(style.get());
          changes.add("style changed to " + style.get().wireName() + " as the feedback asks");
        }
        break;
      }
    }
    return new Applied(changes.isEmpty() ? input : b.build(), List.copyOf(changes));
  }

  static Optional<Double> target(double current, String feedback) {
    Matcher rel = RELATIVE.matcher(feedback);
    if (rel.find()) {
      double delta = seconds(rel.group(1), rel.group(2));
      String dir = rel.group(3).toLowerCase(Locale.ROOT);
      return Optional.of(dir.equals("longer") || dir.equals("more") ? current + delta : current - delta);
    }
    Matcher abs = ABSOLUTE.matcher(feedback);
    if (abs.find()) {
      return Optional.of(seconds(abs.group(1), abs.group(2)));
    }
    Matcher version = VERSION.matcher(feedback);
    if (version.find()) {
      return Optional.of(seconds(version.group(1), version.group(2)));
    }
    Matcher longer = LONGER.matcher(feedback);
    if (longer.find()) {
      return Optional.of(longer.group(1).equalsIgnoreCase("longer") ? current * 1.25 : current * 0.75);
    }
    return Optional.empty();
  }

  private static double seconds(String number, String unit) {
    double v = Double.parseDouble(number);
    return unit.toLowerCase(Locale.ROOT).startsWith("m") ? v * 60 : v;
  }
}
