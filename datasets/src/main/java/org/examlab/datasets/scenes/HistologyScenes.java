package org.examlab.datasets.scenes;

/**
 * A stained tissue section in the colours of H&E: pink interstitial tissue with faint fibres,
 * tubules (a purple-pink wall around a pale lumen; both are "tubules"), and small dark purple cell
 * nuclei scattered over everything. The pale lumen is told from the pink tissue by a subtle shade
 * and by the wall around it.
 */
final class HistologyScenes implements SceneType.ScenePainter {
  static final int CELLS = 0;
  static final int TUBULES = 1;
  static final int INTERSTITIAL = 2;
  private static final double LUMEN = 0.6; // lumen's share of a tubule's radius

  @Override
  public void paint(Canvas c) {
    int size = Math.min(c.height, c.width);
    double[][] tubules = ellipses(c, 2 + c.random.nextInt(4), 0.1 * size, 0.22 * size);
    double[][] nuclei =
        ellipses(
            c,
            (int) (c.height * c.width / (size * size / 12.0)) + c.random.nextInt(6),
            Math.max(1.2, 0.025 * size),
            Math.max(1.8, 0.05 * size));
    double fibreAngle = c.uniform(0, Math.PI);
    double fibrePeriod = c.uniform(0.06, 0.15) * size;
    for (int y = 0; y < c.height; y++) {
      for (int x = 0; x < c.width; x++) {
        double px = x + 0.5;
        double py = y + 0.5;
        double tubule = nearest(tubules, px, py);
        if (nearest(nuclei, px, py) <= 1) {
          c.paint(y, x, CELLS, 0.35f, 0.2f, 0.55f);
        } else if (tubule <= LUMEN) {
          c.paint(y, x, TUBULES, 0.97f, 0.93f, 0.95f);
        } else if (tubule <= 1) {
          c.paint(y, x, TUBULES, 0.75f, 0.4f, 0.65f);
        } else {
          double along = px * Math.cos(fibreAngle) + py * Math.sin(fibreAngle);
          float fibre = (float) (0.04 * Math.sin(2 * Math.PI * along / fibrePeriod));
          c.paint(y, x, INTERSTITIAL, 0.92f + fibre, 0.7f + fibre, 0.82f + fibre);
        }
      }
    }
  }

  /** {@code n} ellipses {cy, cx, a, b, angle} with semi-axes in [minRadius, maxRadius). */
  private static double[][] ellipses(Canvas c, int n, double minRadius, double maxRadius) {
    double[][] e = new double[n][];
    for (int i = 0; i < n; i++) {
      e[i] =
          new double[] {
            c.uniform(0, c.height),
            c.uniform(0, c.width),
            c.uniform(minRadius, maxRadius),
            c.uniform(minRadius, maxRadius),
            c.uniform(0, Math.PI)
          };
    }
    return e;
  }

  /**
   * The smallest normalised radius of (x, y) in any of the ellipses: at most 1 means inside one.
   */
  private static double nearest(double[][] ellipses, double x, double y) {
    double best = Double.POSITIVE_INFINITY;
    for (double[] e : ellipses) {
      double dy = y - e[0];
      double dx = x - e[1];
      double u = (dx * Math.cos(e[4]) + dy * Math.sin(e[4])) / e[2];
      double v = (-dx * Math.sin(e[4]) + dy * Math.cos(e[4])) / e[3];
      best = Math.min(best, Math.sqrt(u * u + v * v));
    }
    return best;
  }
}
