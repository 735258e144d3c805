package org.examlab.harness.claims;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.examlab.harness.run.RunDirectory;
import org.examlab.harness.run.SummaryFile;

/**
 * The report as a folder that travels: REPORT.html and REPORT.md with everything they show copied
 * beside them, linked relatively, so the folder can be moved, copied, zipped or mailed and still
 * shows its images. A deciding run's plots go to {@code plots/<run>/} at full size and to {@code
 * thumbs/<run>/} scaled down (the page shows the thumbnails, each linking to its plot); its
 * summary.json, config.yaml and environment.json go to {@code runs/<run>/}; each verdict's chart of
 * its deciding difference ({@link EvidenceChart}) to {@code evidence/<claim>.png}.
 *
 * <p>Copied, not embedded as data URIs: a full report's plots run to tens of megabytes, which
 * inlined would make one HTML file of that size (base64 adds a third) that a browser must parse
 * before showing the table; as files, the page loads only the thumbnails, lazily.
 */
final class ReportFolder {
  static final String PLOTS = "plots";
  static final String THUMBS = "thumbs";
  static final String RUNS = "runs";
  static final String EVIDENCE = "evidence";

  /** A thumbnail's width in pixels (a plot is 1000 wide). */
  static final int THUMB_WIDTH = 360;

  private static final List<String> RUN_FILES =
      List.of(SummaryFile.NAME, "config.yaml", "environment.json");

  private ReportFolder() {}

  /** The folder name of {@code run}'s copies: its config, one word ("hand-calculations-yaml"). */
  static String name(DecidingRun run) {
    return run.config().replaceAll("[^A-Za-z0-9]", "-");
  }

  static String plot(DecidingRun run, Path plot) {
    return PLOTS + "/" + name(run) + "/" + plot.getFileName();
  }

  static String thumb(DecidingRun run, Path plot) {
    return THUMBS + "/" + name(run) + "/" + plot.getFileName();
  }

  static String evidence(String claimId) {
    return EVIDENCE + "/" + EvidenceChart.fileName(claimId);
  }

  static String runFolder(DecidingRun run) {
    return RUNS + "/" + name(run) + "/";
  }

  /** A relative path as a URL: each segment percent-encoded (a space as %20). */
  static String url(String relativePath) {
    List<String> segments = new java.util.ArrayList<>();
    for (String segment : relativePath.split("/", -1)) {
      segments.add(
          java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8)
              .replace("+", "%20"));
    }
    return String.join("/", segments);
  }

  /** Copies {@code run}'s plots, thumbnails and record files into the report folder {@code dir}. */
  static void copy(Path dir, DecidingRun run) throws IOException {
    for (Path plot : run.plots()) {
      Path full = dir.resolve(plot(run, plot));
      Files.createDirectories(full.getParent());
      RunDirectory.writeAtomically(full, Files.readAllBytes(plot));
      Path thumb = dir.resolve(thumb(run, plot));
      Files.createDirectories(thumb.getParent());
      RunDirectory.writeAtomically(thumb, thumbnail(full));
    }
    Path records = dir.resolve(runFolder(run));
    Files.createDirectories(records);
    for (String file : RUN_FILES) {
      Path source = run.directory().resolve(file);
      if (Files.isRegularFile(source)) {
        RunDirectory.writeAtomically(records.resolve(file), Files.readAllBytes(source));
      }
    }
  }

  /** The image scaled to {@link #THUMB_WIDTH} wide (a narrower one as it is), as PNG bytes. */
  static byte[] thumbnail(Path image) throws IOException {
    BufferedImage source = ImageIO.read(image.toFile());
    if (source == null || source.getWidth() <= THUMB_WIDTH) {
      return Files.readAllBytes(image);
    }
    int height =
        Math.max(1, Math.round(source.getHeight() * (float) THUMB_WIDTH / source.getWidth()));
    BufferedImage small = new BufferedImage(THUMB_WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = small.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.drawImage(source, 0, 0, THUMB_WIDTH, height, null);
    g.dispose();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(small, "png", png);
    return png.toByteArray();
  }
}
