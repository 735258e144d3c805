package org.examlab.harness.run;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file that could not be written, read from the exception the JDK threw: the path (null when the
 * exception did not say) and the reason ("No space left on device", "permission denied"). {@link
 * #message()} is the one line a command prints for it, with what to do.
 */
public record WriteFault(Path path, String reason) {
  /** What the OS says when writing fails for want of space or permission, whatever the file. */
  private static final List<String> DISK_ERRORS =
      List.of(
          "No space left on device",
          "Disk quota exceeded",
          "Read-only file system",
          "Permission denied",
          "Operation not permitted",
          "Stale file handle",
          "Input/output error");

  /**
   * java.io's "path (reason)", as FileOutputStream and RandomAccessFile report a file they cannot
   * open.
   */
  private static final Pattern PATH_AND_REASON = Pattern.compile("(.+) \\((.+)\\)");

  /**
   * The fault behind {@code e}: the first of it and its causes that names a file, else the first
   * I/O exception (path null); empty if none is an I/O exception.
   */
  public static Optional<WriteFault> in(Throwable e) {
    WriteFault unnamed = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FileSystemException fs && fs.getFile() != null) {
        return Optional.of(new WriteFault(Path.of(fs.getFile()), reason(fs)));
      }
      Matcher named = PATH_AND_REASON.matcher(String.valueOf(t.getMessage()));
      if (t instanceof FileNotFoundException && named.matches()) {
        return Optional.of(new WriteFault(Path.of(named.group(1)), named.group(2)));
      }
      if (t instanceof IOException && unnamed == null) {
        unnamed = new WriteFault(null, String.valueOf(t.getMessage()));
      }
    }
    return Optional.ofNullable(unnamed);
  }

  /**
   * This fault as one of {@code folder}'s: a path inside it, or no path but an OS error about space
   * or permission (then the folder is named). Empty for any other I/O error (an input that cannot
   * be read, say), which is the experiment's failure, not the folder's.
   */
  public Optional<WriteFault> of(Path folder) {
    if (path == null) {
      return DISK_ERRORS.stream().anyMatch(reason::contains)
          ? Optional.of(new WriteFault(folder, reason))
          : Optional.empty();
    }
    return path.toAbsolutePath().normalize().startsWith(folder.toAbsolutePath().normalize())
        ? Optional.of(this)
        : Optional.empty();
  }

  /** "cannot write PATH: REASON". */
  public String text() {
    return path == null ? "input/output error: " + reason : "cannot write " + path + ": " + reason;
  }

  /** {@link #text()} and what to do about it. */
  public String message() {
    String lower = reason.toLowerCase();
    String fix;
    if (lower.contains("space") || lower.contains("quota")) {
      fix = "Free some space on that disk";
    } else if (lower.contains("permission")
        || lower.contains("read-only")
        || lower.contains("not permitted")) {
      fix = "Make the folder writable";
    } else {
      fix = "Check that the folder exists and is writable";
    }
    return text() + ". " + fix + ", or choose another folder with --results DIR.";
  }

  /**
   * The exception to stop with: {@code cause} if it already names this path, else one that does,
   * caused by it.
   */
  FileSystemException exception(Throwable cause) {
    if (cause instanceof FileSystemException named
        && path != null
        && path.toString().equals(named.getFile())) {
      return named;
    }
    FileSystemException e = new FileSystemException(String.valueOf(path), null, reason);
    e.initCause(cause);
    return e;
  }

  private static String reason(FileSystemException e) {
    if (e.getReason() != null) {
      return e.getReason();
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder (was the folder removed?)";
    }
    if (e instanceof NotDirectoryException) {
      return "not a folder";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "a file of that name is in the way";
    }
    return e.getClass().getSimpleName();
  }
}
