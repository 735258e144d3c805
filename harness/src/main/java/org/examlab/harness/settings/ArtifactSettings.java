package org.examlab.harness.settings;

/**
 * What a run keeps besides its measurements ({@code artifacts:} in a config), off by default.
 *
 * @param models save every training's trained network in the run folder as {@code
 *     models/<training>-seed<k>.zip}, written by DL4J's ModelSerializer (without updater state),
 *     loadable with {@code ModelSerializer.restoreMultiLayerNetwork} or {@code
 *     restoreComputationGraph}
 * @param uiStats record every training with DL4J's {@code StatsListener} into the run folder's
 *     {@code ui-stats.dl4j} ({@code FileStatsStorage}, one session per training), for DL4J's
 *     training UI; needs the optional {@code dl4j-ui} module (scripts/examlab adds it)
 */
public record ArtifactSettings(Boolean models, Boolean uiStats) {
  public static final ArtifactSettings NONE = new ArtifactSettings(false, false);

  public ArtifactSettings {
    models = models != null && models;
    uiStats = uiStats != null && uiStats;
  }
}
