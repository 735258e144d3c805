package org.examlab.harness.config;

/**
 * What a run keeps besides its measurements ({@code artifacts:} in a config), off by default.
 *
 * @param models save every training's trained network in the run folder as
 *     {@code models/<training>-seed<k>.zip}, written by DL4J's ModelSerializer (without updater
 *     state), loadable with {@code ModelSerializer.restoreMultiLayerNetwork} or
 *     {@code restoreComputationGraph}
 */
public record ArtifactSettings(Boolean models) {
  public static final ArtifactSettings NONE = new ArtifactSettings(false);

  public ArtifactSettings {
    models = models != null && models;
  }
}
