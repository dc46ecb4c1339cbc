package io.corridor.core;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way Corridor writes an output file: the target holds either its old content or the
 * complete new one, never a part, and only a regular file is ever replaced.
 *
 * <p>The content goes to a temporary file beside the target, is forced to disk, then renamed over
 * the target in one step. The target must be a regular file or not exist yet: a device
 * ({@code /dev/null}), a pipe, a directory or anything under {@code /proc} or {@code /sys} is refused rather than
 * turned into a regular file. A symbolic link is written through: the file it points to is
 * replaced and the link stays. A replaced file keeps its permissions; a file the user may not
 * write is refused. Stateless; safe to call from any thread.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes the whole content to a stream, which the caller closes. */
  @FunctionalInterface
  public interface StreamContent {
    /** Writes the whole content to {@code out}. */
    void writeTo(OutputStream out) throws IOException;
  }

  /** Writes the whole content to a new, empty file channel, which the caller closes. */
  @FunctionalInterface
  public interface ChannelContent {
    /** Writes the whole content to {@code channel}, at any positions. */
    void writeTo(FileChannel channel) throws IOException;
  }

  /**
   * Returns the file that writing {@code target} would replace or create (the end of its symbolic
   * links), after checking that it can be: a regular file the user may write, or a new name in an
   * existing directory.
   *
   * @throws InvalidInputException naming {@code target} and what is wrong with it
   */
  public static Path checkTarget(Path target) {
    String name = target.toString();
    if (name.isEmpty()) {
      throw new InvalidInputException("the file name is empty");
    }
    Path absolute = target.toAbsolutePath().normalize();
    if (absolute.startsWith("/proc") || absolute.startsWith("/sys")) {
      throw new InvalidInputException(InvalidInputException.quote(name, 200, false)
          + ": is in a kernel folder (/proc, /sys) where no output is written");
    }
    Path real;
    if (Files.exists(target)) {
      try {
        real = target.toRealPath();
      } catch (IOException e) {
        throw new InvalidInputException(InvalidInputException.quote(name, 200, false)
            + ": cannot be resolved (" + reason(e) + ")", e);
      }
      if (Files.isDirectory(real)) {
        throw new InvalidInputException(InvalidInputException.quote(name, 200, false)
            + ": is a directory, not a file");
      }
      if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
        throw new InvalidInputException(InvalidInputException.quote(name, 200, false)
            + ": is not a regular file (a device, a pipe or a socket): it is never replaced");
      }
      if (!Files.isWritable(real)) {
        throw new InvalidInputException(InvalidInputException.quote(name, 200, false)
            + ": is read-only: it is not replaced");
      }
    } else {
      if (Files.isSymbolicLink(target)) {
        throw new InvalidInputException(InvalidInputException.quote(name, 200, false)
            + ": is a symbolic link to a missing file");
      }
      real = absolute;
    }
    if (real.startsWith("/proc") || real.startsWith("/sys")) {
      throw new InvalidInputException(InvalidInputException.quote(name, 200, false)
          + ": leads into a kernel folder (/proc, /sys) where no output is written");
    }
    Path dir = real.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new InvalidInputException(InvalidInputException.quote(name, 200, false)
          + ": its folder does not exist");
    }
    if (!Files.isWritable(dir)) {
      throw new InvalidInputException(InvalidInputException.quote(name, 200, false)
          + ": its folder cannot be written (permission denied)");
    }
    return real;
  }

  /**
   * Writes {@code content} to {@code target} atomically through a buffered stream; on any failure
   * the temporary file is removed and the target is left as it was.
   *
   * @throws InvalidInputException if {@link #checkTarget} refuses the target
   * @throws IOException if writing fails, with a message naming the target
   */
  public static void write(Path target, StreamContent content) throws IOException {
    writeChannel(target, channel -> {
      OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
      content.writeTo(out);
      out.flush();
    });
  }

  /**
   * Writes {@code content} to {@code target} atomically through a file channel (for positional
   * writes); on any failure the temporary file is removed and the target is left as it was.
   *
   * @throws InvalidInputException if {@link #checkTarget} refuses the target
   * @throws IOException if writing fails, with a message naming the target
   */
  public static void writeChannel(Path target, ChannelContent content) throws IOException {
    Path real = checkTarget(target);
    Path dir = real.getParent();
    // Not Files.createTempFile: its 0600 permissions would stay on the renamed file.
    Path temp = dir.resolve("." + real.getFileName() + "."
        + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
    boolean moved = false;
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        content.writeTo(ch);
        ch.force(true);
      }
      keepPermissions(real, temp);
      try {
        Files.move(temp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, real, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
      forceDirectory(dir);
    } catch (IOException e) {
      throw new IOException(target + ": cannot be written (" + reason(e) + ")", e);
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** Gives the new file the permissions of the one it replaces, where the file system has them. */
  private static void keepPermissions(Path old, Path temp) throws IOException {
    if (!Files.exists(old)) {
      return;
    }
    PosixFileAttributeView view = Files.getFileAttributeView(old, PosixFileAttributeView.class);
    if (view != null) {
      Set<PosixFilePermission> permissions = view.readAttributes().permissions();
      Files.setPosixFilePermissions(temp, permissions);
    }
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms cannot open a directory; the file itself is already on disk.
    }
  }

  /** Returns why a file operation failed, in words, without the path the caller names already. */
  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
