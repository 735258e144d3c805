package org.examlab.datasets.scenes;

/**
 * A road running to a vanishing point on the horizon, blue sky above, fields below, and grey
 * buildings or green trees standing up into the sky. The road and the buildings are both grey, so a
 * pixel's colour alone does not tell road from "other": position and shape do.
 */
final class RoadScenes implements SceneType.ScenePainter {
  static final int ROAD = 0;
  static final int SKY = 1;
  static final int OTHER = 2;

  @Override
  public void paint(Canvas c) {
    double horizon = c.uniform(0.3, 0.5) * c.height;
    double vanishX = c.uniform(0.3, 0.7) * c.width;
    double bottomX = c.uniform(0.3, 0.7) * c.width;
    double bottomHalfWidth = c.uniform(0.2, 0.4) * c.width;
    float asphalt = (float) c.uniform(0.3, 0.5);
    float[] field = {
      (float) c.uniform(0.3, 0.5), (float) c.uniform(0.45, 0.6), (float) c.uniform(0.1, 0.25)
    };
    int standing = c.random.nextInt(4); // buildings or trees above the horizon
    double[][] boxes = new double[standing][]; // left, right, top
    float[][] boxColours = new float[standing][];
    for (int i = 0; i < standing; i++) {
      double left = c.uniform(0, c.width);
      boxes[i] =
          new double[] {
            left, left + c.uniform(0.05, 0.2) * c.width, horizon - c.uniform(0.2, 0.7) * horizon
          };
      float grey = (float) c.uniform(0.35, 0.65);
      boxColours[i] =
          c.random.nextBoolean() ? new float[] {grey, grey, grey} : new float[] {0.12f, 0.4f, 0.1f};
    }
    for (int y = 0; y < c.height; y++) {
      for (int x = 0; x < c.width; x++) {
        double px = x + 0.5;
        double py = y + 0.5;
        float[] box = boxAt(boxes, boxColours, px, py, horizon);
        if (box != null) {
          c.paint(y, x, OTHER, box[0], box[1], box[2]);
        } else if (py < horizon) {
          float depth = (float) (py / horizon); // paler towards the horizon
          c.paint(y, x, SKY, 0.3f + 0.3f * depth, 0.5f + 0.25f * depth, 0.92f);
        } else {
          double t = (py - horizon) / (c.height - horizon); // 0 at the horizon, 1 at the bottom
          double centre = vanishX + t * (bottomX - vanishX);
          double halfWidth = t * bottomHalfWidth;
          if (Math.abs(px - centre) <= halfWidth) {
            boolean laneMark =
                Math.abs(px - centre) < Math.max(0.6, 0.05 * halfWidth)
                    && (int) (Math.sqrt(t) * 10) % 2 == 0;
            float v = laneMark ? 0.92f : asphalt;
            c.paint(y, x, ROAD, v, v, v);
          } else {
            c.paint(y, x, OTHER, field[0], field[1], field[2]);
          }
        }
      }
    }
  }

  private static float[] boxAt(
      double[][] boxes, float[][] colours, double x, double y, double horizon) {
    for (int i = 0; i < boxes.length; i++) {
      if (x >= boxes[i][0] && x < boxes[i][1] && y >= boxes[i][2] && y < horizon) {
        return colours[i];
      }
    }
    return null;
  }
}
