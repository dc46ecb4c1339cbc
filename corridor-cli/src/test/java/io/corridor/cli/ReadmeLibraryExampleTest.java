package io.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's "Use it as a library" program, taken from README.md as it stands, compiled against the
 * libraries and run from the repository's root: it must print exactly the block README shows, so
 * that the example and the API cannot drift apart.
 */
class ReadmeLibraryExampleTest {
  @TempDir Path classes;

  @Test
  void readmesLibraryExampleCompilesRunsAndPrintsWhatReadmeShows() throws Exception {
    Path root = repositoryRoot();
    String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("\n## Use it as a library\n");
    assertThat(start).as("README has a \"Use it as a library\" section").isPositive();
    int end = readme.indexOf("\n## ", start + 1);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    String source = block(section, "java");
    String expected = block(section, "text");
    Matcher name = Pattern.compile("public class (\\w+)").matcher(source);
    assertThat(name.find()).as("the example declares a public class").isTrue();

    Path file = classes.resolve(name.group(1) + ".java");
    Files.writeString(file, source);
    String classpath = testClasspath();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    boolean compiled = javac.getTask(diagnostics, null, null,
        List.of("--release", "17", "-classpath", classpath, "-d", classes.toString()), null,
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(file.toFile()))
        .call();
    assertThat(compiled).as("README's example compiles:%n%s", diagnostics).isTrue();

    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process run = new ProcessBuilder(java.toString(), "-cp", classes + File.pathSeparator + classpath,
        name.group(1))
        .directory(root.toFile())
        .redirectErrorStream(true)
        .start();
    assertThat(run.waitFor(120, TimeUnit.SECONDS)).as("the example finishes").isTrue();
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(run.exitValue()).as(output).isZero();
    assertThat(output).isEqualTo(expected);
  }

  /** Returns the content of the first fenced block of {@code language} in {@code markdown}. */
  private static String block(String markdown, String language) {
    Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    assertThat(m.find()).as("a ```%s block", language).isTrue();
    return m.group(1);
  }

  /** Returns the test classpath as Surefire gives it (not its manifest-only booter jar). */
  private static String testClasspath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }

  private static Path repositoryRoot() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("README.md"))
        || dir != null && !Files.isDirectory(dir.resolve("examples"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IOException("no README.md with an examples directory above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
