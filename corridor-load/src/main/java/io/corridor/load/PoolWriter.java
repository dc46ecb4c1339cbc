package io.corridor.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a request pool directory: {@code bodies/} with one file per distinct request body, and
 * {@code manifest.tsv} with one line per request in replay order ({@code name}, {@code method},
 * {@code path}, {@code body}: a file name under {@code bodies/} or {@code -}). Not thread-safe.
 *
 * <p>A body given twice (the same bytes) is stored once, so a pool that replays a few bodies many
 * times stays small on disk and in the load generator's memory. The manifest is written last, on
 * {@link #finish()}, so a pool without one is known to be incomplete.
 */
final class PoolWriter {
  static final String MANIFEST = "manifest.tsv";
  static final String BODIES = "bodies";
  static final String HEADER = "name\tmethod\tpath\tbody";

  private final Path directory;
  private final Map<String, String> fileByContent = new HashMap<>();
  private final Map<byte[], String> fileByArray = new IdentityHashMap<>();
  private final StringBuilder manifest = new StringBuilder(HEADER).append('\n');
  private int requests;

  private PoolWriter(Path directory) {
    this.directory = directory;
  }

  /** Starts a pool in {@code directory}, which must be absent or empty. */
  static PoolWriter create(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      try (Stream<Path> entries = Files.list(directory)) {
        if (entries.findAny().isPresent()) {
          throw new IOException(directory + ": not empty; a pool is written into a new directory");
        }
      }
    }
    Files.createDirectories(directory.resolve(BODIES));
    return new PoolWriter(directory);
  }

  /** Adds a request without a body, such as a {@code GET}. */
  void request(String name, String method, String path) {
    append(name, method, path, "-");
  }

  /** Adds a request with a JSON body, storing the body unless the same bytes are stored already. */
  void request(String name, String method, String path, byte[] body) {
    // The same array again (a body replayed many times) is found without reading its bytes.
    String file = fileByArray.get(body);
    if (file == null) {
      file = fileByContent(body);
      fileByArray.put(body, file);
    }
    append(name, method, path, file);
  }

  private String fileByContent(byte[] body) {
    String key = new String(body, StandardCharsets.ISO_8859_1);
    String file = fileByContent.get(key);
    if (file == null) {
      file = String.format(Locale.ROOT, "%06d.json", fileByContent.size() + 1);
      try {
        Files.write(directory.resolve(BODIES).resolve(file), body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      fileByContent.put(key, file);
    }
    return file;
  }

  /** Writes the manifest and returns the number of requests in the pool. */
  int finish() throws IOException {
    Files.writeString(directory.resolve(MANIFEST), manifest, StandardCharsets.UTF_8);
    return requests;
  }

  private void append(String name, String method, String path, String body) {
    for (String field : new String[] {name, method, path}) {
      if (field.indexOf('\t') >= 0 || field.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("a pool field holds a tab or a line break: " + field);
      }
    }
    manifest.append(name).append('\t').append(method).append('\t').append(path).append('\t')
        .append(body).append('\n');
    requests++;
  }
}
