package dev.vcg.services.validate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * How good a plan is for its brief.
 *
 * @param score 0 to 1: 1 minus 0.25 per error, 0.1 per warning and 0.02 per note
 * @param confidence 0 to 1: how sure the gateway is that the plan meets the request (see
 *     {@link QualityValidator})
 * @param issues what is wrong, errors first
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QualityReport(double score, double confidence, List<QualityIssue> issues) {
  /** Validates and copies. */
  public QualityReport {
    if (!(score >= 0 && score <= 1) || !(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("score and confidence must be within 0..1: " + score + ", " + confidence);
    }
    issues = issues == null ? List.of() : List.copyOf(issues);
  }

  /** @return whether no issue is an error */
  @JsonIgnore
  public boolean passed() {
    return issues.stream().noneMatch(i -> i.severity() == QualityIssue.Severity.ERROR);
  }

  /**
   * @param category a category
   * @return the issues of that category
   */
  public List<QualityIssue> issues(QualityIssue.Category category) {
    return issues.stream().filter(i -> i.category() == category).toList();
  }
}
