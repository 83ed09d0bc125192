package dev.feedbackloop.regenerate;

import dev.feedbackloop.redact.Redactor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Test sources in a directory (a checkout, {@code --source-root}), confined to it: a path with {@code ..}, or one
 * whose real location (symbolic links followed) is outside the root, is not read. A report written on a CI machine
 * names files by absolute paths from there ({@code /home/runner/work/shop/shop/tests/a.spec.ts}); such a path is
 * found by its longest tail that exists under the root. Files are read as UTF-8, at most
 * {@link TestSource#MAX_CHARS} characters, and redacted before they leave this class.
 */
public final class SourceRoot implements TestSources {

    /** Leading directories dropped at most when looking for an absolute path's tail under the root. */
    private static final int MAX_TAIL_TRIES = 12;

    private final Path root;
    private final Redactor redactor;

    /**
     * @throws IllegalArgumentException when {@code root} is not a directory
     */
    public SourceRoot(Path root, Redactor redactor) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("source root " + root + " does not exist", e);
        }
        if (!Files.isDirectory(this.root)) {
            throw new IllegalArgumentException("source root " + root + " is not a directory");
        }
        this.redactor = redactor;
    }

    @Override
    public Optional<TestSource> find(String file) {
        if (file == null || file.isBlank() || file.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        String normal = file.replace('\\', '/');
        if (normal.contains("/../") || normal.startsWith("../") || normal.endsWith("/..") || normal.equals("..")) {
            return Optional.empty();
        }
        String[] parts = normal.replaceFirst("^[A-Za-z]:", "").replaceFirst("^/+", "").split("/+");
        boolean absolute = normal.startsWith("/") || normal.matches("^[A-Za-z]:.*");
        int tries = absolute ? Math.min(parts.length, MAX_TAIL_TRIES) : 1;
        for (int skip = 0; skip < tries; skip++) {
            String relative = String.join("/", Arrays.copyOfRange(parts, skip, parts.length));
            Optional<TestSource> found = read(relative);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<TestSource> read(String relative) {
        if (relative.isEmpty()) {
            return Optional.empty();
        }
        Path candidate;
        try {
            candidate = root.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (!candidate.startsWith(root) || !Files.isRegularFile(candidate)) {
            return Optional.empty();
        }
        try {
            Path real = candidate.toRealPath();
            if (!real.startsWith(root) || Files.size(real) > 4L * TestSource.MAX_CHARS) {
                return Optional.empty();
            }
            String content = StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(Files.readAllBytes(real))).toString();
            if (content.length() > TestSource.MAX_CHARS) {
                return Optional.empty();
            }
            return Optional.of(TestSource.of(relative, redactor.redact(content)));
        } catch (CharacterCodingException e) {
            return Optional.empty(); // not a text file in UTF-8: nothing a model should rewrite
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test source " + candidate + ": " + e.getMessage(), e);
        }
    }

    /** The root, as its real path. */
    public Path root() {
        return root;
    }

    @Override
    public String toString() {
        return "SourceRoot[" + root + "]";
    }
}
