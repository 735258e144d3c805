package org.examlab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/examlab names a too-old Java and what to install (exit 2) before it builds anything. */
class LauncherScriptJavaCheckTest {
  @TempDir Path tmp;

  private Process launch(String versionLine, boolean viaJavaHome) throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("jdk11/bin"));
    Path java = bin.resolve("java");
    Files.writeString(java, "#!/bin/sh\necho '" + versionLine + "' >&2\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder pb =
        new ProcessBuilder(
            "bash", ExamLabCliTest.HOME.resolve("scripts/examlab").toString(), "list");
    if (viaJavaHome) {
      pb.environment().put("JAVA_HOME", bin.getParent().toString());
    } else {
      pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
      pb.environment().remove("JAVA_HOME");
    }
    return pb.redirectErrorStream(true).start();
  }

  private void assertRefused(Process p, String found) throws Exception {
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the check answers at once");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, p.exitValue(), out);
    assertTrue(out.contains(found), out);
    assertTrue(out.contains("Exam Lab needs Java 17 or newer"), out);
    assertTrue(out.contains("openjdk-17-jdk"), "says what to install: " + out);
    assertTrue(!out.contains("building"), "stops before building: " + out);
  }

  @Test
  void anOldJavaOnThePathIsNamedWithWhatToInstall() throws Exception {
    assertRefused(
        launch("openjdk version \"11.0.2\" 2019-01-15", false), "Java 11 found (java on PATH)");
    assertRefused(launch("java version \"1.8.0_392\"", false), "Java 8 found (java on PATH)");
  }

  @Test
  void anOldJavaHomeIsRefusedToo() throws Exception {
    assertRefused(
        launch("openjdk version \"11.0.2\" 2019-01-15", true), "Java 11 found (JAVA_HOME=");
  }
}
