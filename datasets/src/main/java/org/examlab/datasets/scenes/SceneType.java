package org.examlab.datasets.scenes;

import java.util.List;

/**
 * The three 3-class segmentation tasks of seed 000's U-Net question, as generated scenes: each
 * names its classes in label order (label k is channel k of the one-hot mask).
 */
public enum SceneType {
  /** A checkerboard whose squares are white, black, or covered by a piece. */
  CHECKERBOARD(List.of("white", "black", "piece"), new Checkerboards()),
  /** A road towards the horizon, sky above it, and everything else (fields, buildings). */
  ROAD(List.of("road", "sky", "other"), new RoadScenes()),
  /** A histology-like section: cell nuclei, tubules (wall and lumen), interstitial tissue. */
  HISTOLOGY(List.of("cells", "tubules", "interstitial"), new HistologyScenes()),
  /**
   * A street from the side: cars, persons and everything else (house fronts, pavement, road), in
   * colours the three share (seed 001's surveillance task).
   */
  STREET(List.of("car", "person", "other"), new StreetScenes());

  private final List<String> classNames;
  private final ScenePainter painter;

  SceneType(List<String> classNames, ScenePainter painter) {
    this.classNames = classNames;
    this.painter = painter;
  }

  public List<String> classNames() {
    return classNames;
  }

  /** The lower-case name configs and measurement names use ("checkerboard"). */
  public String key() {
    return name().toLowerCase();
  }

  ScenePainter painter() {
    return painter;
  }

  /** Paints one scene of this type on every pixel of {@code canvas}. */
  interface ScenePainter {
    void paint(Canvas canvas);
  }
}
