package org.examlab.datasets.scenes;

/**
 * A checkerboard filling the image, at a random square size and offset: light grey ("white") and
 * dark grey ("black") squares, some covered by a round piece, red or cream, with a darker rim.
 * Squares are achromatic and pieces coloured, so the mask is checkable from the image.
 */
final class Checkerboards implements SceneType.ScenePainter {
  static final int WHITE = 0;
  static final int BLACK = 1;
  static final int PIECE = 2;
  private static final double PIECE_SHARE = 0.3;

  @Override
  public void paint(Canvas c) {
    double square = c.uniform(c.height / 7.0, c.height / 4.0);
    double offsetY = c.uniform(0, square);
    double offsetX = c.uniform(0, square);
    float white = (float) c.uniform(0.75, 0.95);
    float black = (float) c.uniform(0.05, 0.3);
    int rows = (int) Math.ceil((c.height + offsetY) / square);
    int cols = (int) Math.ceil((c.width + offsetX) / square);
    float[][] pieces = new float[rows * cols][]; // the colour of the piece on each square, or null
    for (int i = 0; i < pieces.length; i++) {
      if (c.random.nextDouble() < PIECE_SHARE) {
        pieces[i] =
            c.random.nextBoolean()
                ? new float[] {0.85f, 0.15f, 0.12f}
                : new float[] {0.95f, 0.85f, 0.45f};
      }
    }
    double radius = 0.38 * square;
    for (int y = 0; y < c.height; y++) {
      for (int x = 0; x < c.width; x++) {
        int row = (int) ((y + offsetY) / square);
        int col = (int) ((x + offsetX) / square);
        float[] piece = pieces[row * cols + col];
        double dy = y + 0.5 + offsetY - (row + 0.5) * square;
        double dx = x + 0.5 + offsetX - (col + 0.5) * square;
        double distance = Math.sqrt(dx * dx + dy * dy);
        if (piece != null && distance <= radius) {
          float shade = distance > 0.75 * radius ? 0.7f : 1f; // the rim of a checkers piece
          c.paint(y, x, PIECE, shade * piece[0], shade * piece[1], shade * piece[2]);
        } else {
          boolean isWhite = (row + col) % 2 == 0;
          float v = isWhite ? white : black;
          c.paint(y, x, isWhite ? WHITE : BLACK, v, v, v);
        }
      }
    }
  }
}
