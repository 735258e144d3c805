package org.examlab.datasets.scenes;

/**
 * A street seen from the side (seed 001's surveillance task, "which pixels are covered by cars, by
 * persons and anything else"): house fronts along the top, pavement and a grey road below, cars on
 * the road (a body with a cabin, dark wheels) and persons standing on the pavement or the road (a
 * head, a tall body, two legs). House fronts, car bodies and clothes all draw their colour from the
 * same range, so a pixel's colour does not say which class it is: shape and context do.
 */
final class StreetScenes implements SceneType.ScenePainter {
  static final int CAR = 0;
  static final int PERSON = 1;
  static final int OTHER = 2;

  @Override
  public void paint(Canvas c) {
    double pavementTop = c.uniform(0.4, 0.5) * c.height;
    double roadTop = pavementTop + c.uniform(0.08, 0.12) * c.height;
    float asphalt = (float) c.uniform(0.25, 0.45);
    float kerb = (float) c.uniform(0.55, 0.7);
    // house fronts: vertical bands across the top, each its own colour
    int houses = 2 + c.random.nextInt(3);
    double[] edges = new double[houses + 1];
    float[][] fronts = new float[houses][];
    for (int i = 0; i <= houses; i++) {
      edges[i] = c.width * (double) i / houses;
    }
    for (int i = 0; i < houses; i++) {
      fronts[i] = colour(c);
    }
    for (int y = 0; y < c.height; y++) {
      for (int x = 0; x < c.width; x++) {
        double py = y + 0.5;
        if (py < pavementTop) {
          float[] f = fronts[Math.min(houses - 1, (int) ((x + 0.5) / c.width * houses))];
          c.paint(y, x, OTHER, f[0], f[1], f[2]);
        } else if (py < roadTop) {
          c.paint(y, x, OTHER, kerb, kerb, kerb);
        } else {
          c.paint(y, x, OTHER, asphalt, asphalt, asphalt);
        }
      }
    }
    int cars = 1 + c.random.nextInt(2);
    for (int i = 0; i < cars; i++) {
      car(c, roadTop);
    }
    int persons = 1 + c.random.nextInt(3);
    for (int i = 0; i < persons; i++) {
      person(c, pavementTop);
    }
  }

  /** A car on the road: a body, a cabin of the same colour on top, two dark wheels. */
  private static void car(Canvas c, double roadTop) {
    double length = c.uniform(0.22, 0.32) * c.width;
    double left = c.uniform(0, c.width - length);
    double bottom = c.uniform(roadTop + 0.25 * (c.height - roadTop), c.height - 1);
    double bodyHeight = c.uniform(0.1, 0.14) * c.height;
    double cabinHeight = 0.7 * bodyHeight;
    float[] body = colour(c);
    double wheel = 0.55 * bodyHeight;
    fill(c, left, left + length, bottom - bodyHeight, bottom, CAR, body);
    fill(
        c,
        left + 0.25 * length,
        left + 0.75 * length,
        bottom - bodyHeight - cabinHeight,
        bottom - bodyHeight,
        CAR,
        body);
    float[] tyre = {0.08f, 0.08f, 0.08f};
    disc(c, left + 0.2 * length, bottom, wheel / 2, CAR, tyre);
    disc(c, left + 0.8 * length, bottom, wheel / 2, CAR, tyre);
  }

  /** A person standing: legs, a body in clothes of the shared colour range, a head. */
  private static void person(Canvas c, double pavementTop) {
    double height = c.uniform(0.3, 0.42) * c.height;
    double feet = c.uniform(pavementTop + 0.3 * height, c.height);
    double centre = c.uniform(0.05, 0.95) * c.width;
    double halfWidth = Math.max(1.0, 0.11 * height);
    float[] clothes = colour(c);
    float[] trousers = colour(c);
    float skin = (float) c.uniform(0.45, 0.85);
    float[] face = {skin, 0.8f * skin, 0.65f * skin};
    double hip = feet - 0.45 * height;
    double shoulder = feet - 0.8 * height;
    fill(c, centre - halfWidth, centre - 0.2 * halfWidth, hip, feet, PERSON, trousers);
    fill(c, centre + 0.2 * halfWidth, centre + halfWidth, hip, feet, PERSON, trousers);
    fill(c, centre - halfWidth, centre + halfWidth, shoulder, hip, PERSON, clothes);
    disc(c, centre, shoulder - 0.1 * height, 0.1 * height + 0.5, PERSON, face);
  }

  /** A colour from the range house fronts, car bodies and clothes share. */
  private static float[] colour(Canvas c) {
    return new float[] {
      (float) c.uniform(0.1, 0.9), (float) c.uniform(0.1, 0.9), (float) c.uniform(0.1, 0.9)
    };
  }

  private static void fill(
      Canvas c, double left, double right, double top, double bottom, int label, float[] rgb) {
    for (int y = Math.max(0, (int) top); y < Math.min(c.height, (int) Math.ceil(bottom)); y++) {
      for (int x = Math.max(0, (int) left); x < Math.min(c.width, (int) Math.ceil(right)); x++) {
        double px = x + 0.5;
        double py = y + 0.5;
        if (px >= left && px < right && py >= top && py < bottom) {
          c.paint(y, x, label, rgb[0], rgb[1], rgb[2]);
        }
      }
    }
  }

  private static void disc(Canvas c, double cx, double cy, double r, int label, float[] rgb) {
    for (int y = Math.max(0, (int) (cy - r));
        y < Math.min(c.height, (int) Math.ceil(cy + r));
        y++) {
      for (int x = Math.max(0, (int) (cx - r));
          x < Math.min(c.width, (int) Math.ceil(cx + r));
          x++) {
        double dx = x + 0.5 - cx;
        double dy = y + 0.5 - cy;
        if (dx * dx + dy * dy <= r * r) {
          c.paint(y, x, label, rgb[0], rgb[1], rgb[2]);
        }
      }
    }
  }
}
