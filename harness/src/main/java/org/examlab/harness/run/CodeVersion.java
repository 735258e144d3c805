package org.examlab.harness.run;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A fingerprint of Exam Lab's own compiled code: SHA-256 over the names and bytes of every class
 * and resource in the examlab jars (or class folders) on the classpath. javac output depends only
 * on the source, so the same checkout builds the same version; file dates and the git state do not
 * enter. Runs record it, and the claims report reuses a run only under the same version.
 */
public final class CodeVersion {
  /**
   * The class path the runs are made on, when this process only dispatches them: the Spark
   * launcher's driver runs on Spark's class path (with the spark-launcher jar), its worker
   * processes on the default one, and the version that names the sweep folder and decides reuse
   * must be theirs, or the driver would look for the workers' runs in another folder.
   */
  public static final String RUNS_CLASSPATH_PROPERTY = "examlab.worker.classpath";

  private static String current;

  private CodeVersion() {}

  public static synchronized String current() {
    if (current == null) {
      current =
          of(
              System.getProperty(
                  RUNS_CLASSPATH_PROPERTY, System.getProperty("java.class.path", "")));
    }
    return current;
  }

  static String of(String classPath) {
    Map<String, byte[]> entries = new TreeMap<>();
    for (String element : classPath.split(File.pathSeparator)) {
      Path p = Path.of(element);
      String name = p.getFileName() == null ? "" : p.getFileName().toString();
      try {
        if (Files.isDirectory(p) && isOwnClassFolder(p)) {
          readFolder(p, entries);
        } else if (name.startsWith("examlab-") && name.endsWith(".jar")) {
          readJar(p, name, entries);
        }
      } catch (IOException e) {
        entries.put(element, ("unreadable: " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
      }
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      entries.forEach(
          (k, v) -> {
            sha.update(k.getBytes(StandardCharsets.UTF_8));
            sha.update(v);
          });
      return HexFormat.of().formatHex(sha.digest(), 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A module's target/classes (tests and IDE runs); test-classes are not the product. */
  private static boolean isOwnClassFolder(Path p) {
    return p.getFileName() != null
        && p.getFileName().toString().equals("classes")
        && Files.isDirectory(p.resolve("org/examlab"));
  }

  private static void readFolder(Path root, Map<String, byte[]> entries) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    }
    for (Path f : files) {
      entries.put(
          root.relativize(f).toString().replace(File.separatorChar, '/'), Files.readAllBytes(f));
    }
  }

  private static void readJar(Path jar, String jarName, Map<String, byte[]> entries)
      throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        // The manifest and Maven's pom.properties carry build dates: not code.
        if (e.isDirectory()
            || e.getName().startsWith("META-INF/maven/")
            || e.getName().equals("META-INF/MANIFEST.MF")) {
          continue;
        }
        try (InputStream in = zip.getInputStream(e)) {
          entries.put(e.getName(), in.readAllBytes());
        }
      }
    }
  }
}
