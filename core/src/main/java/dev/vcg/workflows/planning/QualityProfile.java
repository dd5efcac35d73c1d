package dev.vcg.workflows.planning;

import dev.vcg.Quality;
import dev.vcg.direction.DirectorConstraints;
import java.util.Objects;

/**
 * What a {@link Quality} means for planning: how many scenes and shots per scene a plan may have,
 * how large generated images are, and how many are generated.
 *
 * <table>
 *   <caption>Profiles</caption>
 *   <tr><th>quality</th><th>scenes</th><th>shots per scene</th><th>image long side</th><th>generated images</th></tr>
 *   <tr><td>draft</td><td>3</td><td>2</td><td>512</td><td>1</td></tr>
 *   <tr><td>standard</td><td>5</td><td>3</td><td>1024</td><td>2</td></tr>
 *   <tr><td>premium</td><td>8</td><td>4</td><td>1536</td><td>4</td></tr>
 * </table>
 *
 * <p>Models follow the quality where the services say so ({@link PlanningServices.Builder#director(Quality,
 * dev.vcg.direction.AiDirector)}, {@link PlanningServices.Builder#imageProvider(Quality,
 * dev.vcg.provider.ImageProvider)}).
 *
 * @param quality the quality
 * @param maxScenes the most scenes a plan may have
 * @param maxShotsPerScene the most shots one scene may have
 * @param imageLongSide the long side of generated images, in pixels
 * @param maxGeneratedAssets the most images generated to fill gaps
 */
public record QualityProfile(Quality quality, int maxScenes, int maxShotsPerScene, int imageLongSide,
                             int maxGeneratedAssets) {
  /** Validates. */
  public QualityProfile {
    Objects.requireNonNull(quality, "quality");
  }

  /**
   * @param quality a quality
   * @return its profile
   */
  public static QualityProfile of(Quality quality) {
    return switch (Objects.requireNonNull(quality, "quality")) {
      case DRAFT -> new QualityProfile(quality, 3, 2, 512, 1);
      case STANDARD -> new QualityProfile(quality, 5, 3, 1024, 2);
      case PREMIUM -> new QualityProfile(quality, 8, 4, 1536, 4);
    };
  }

  /** @return the limits for the director */
  public DirectorConstraints constraints() {
    return DirectorConstraints.builder().maxScenes(maxScenes).maxShotsPerScene(maxShotsPerScene).build();
  }
}
