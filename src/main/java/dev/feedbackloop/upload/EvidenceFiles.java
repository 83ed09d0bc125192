package dev.feedbackloop.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Files a report points at (its attachments: Playwright's {@code error-context.md}, screenshots, traces), found only
 * inside the folders they may be read from: the report's folder and the source root. A path with {@code ..} is
 * refused, and so is a file whose real location (symbolic links followed) is outside the folder it was found in; both
 * with a sentence saying so. A report written on a CI machine names files by absolute paths from there
 * ({@code /home/runner/work/shop/shop/test-results/a/error-context.md}): such a path is found by its longest tail that
 * exists under a folder, never at its absolute location.
 */
public final class EvidenceFiles {

    /** Leading directories dropped at most when looking for an absolute path's tail under a folder. */
    private static final int MAX_TAIL_TRIES = 12;

    private final List<Path> roots;

    /** Where a named file was looked for. */
    public sealed interface Lookup permits Found, Refused {
    }

    /**
     * A file inside a folder.
     *
     * @param file     its real path
     * @param relative its path relative to the folder it was found in ({@code test-results/a/error-context.md})
     * @param bytes    its size
     */
    public record Found(Path file, String relative, long bytes) implements Lookup {
    }

    /** A file not read, and why ({@code ../x.md: a path with '..' is refused}). */
    public record Refused(String reason) implements Lookup {
    }

    /**
     * @param roots the folders files may be read from, in the order they are searched; those that are not
     *              directories are left out
     */
    public EvidenceFiles(List<Path> roots) {
        List<Path> real = new ArrayList<>();
        for (Path root : roots) {
            try {
                Path r = Objects.requireNonNull(root, "root").toRealPath();
                if (Files.isDirectory(r) && !real.contains(r)) {
                    real.add(r);
                }
            } catch (IOException e) {
                // a folder that does not exist holds no evidence
            }
        }
        this.roots = List.copyOf(real);
    }

    /** The folders searched, as real paths. */
    public List<Path> roots() {
        return roots;
    }

    /** Where {@code named} (a path as a report gives it) is, or why it is not read. */
    public Lookup locate(String named) {
        if (named == null || named.isBlank() || named.indexOf('\0') >= 0) {
            return new Refused("'" + named + "': not a file name");
        }
        String normal = named.replace('\\', '/');
        if (("/" + normal + "/").contains("/../")) {
            return new Refused(named + ": a path with '..' is refused (evidence is read only inside "
                    + shownRoots() + ")");
        }
        boolean absolute = normal.startsWith("/") || normal.matches("^[A-Za-z]:.*");
        String[] parts = normal.replaceFirst("^[A-Za-z]:", "").replaceFirst("^/+", "").split("/+");
        int tries = absolute ? Math.min(parts.length, MAX_TAIL_TRIES) : 1;
        for (int skip = 0; skip < tries; skip++) {
            String relative = String.join("/", Arrays.copyOfRange(parts, skip, parts.length));
            for (Path root : roots) {
                Lookup found = inside(root, relative, named);
                if (found != null) {
                    return found;
                }
            }
        }
        return new Refused(named + ": not found under " + shownRoots());
    }

    /** The file at {@code relative} under {@code root}, a refusal, or null when nothing is there. */
    private static Lookup inside(Path root, String relative, String named) {
        if (relative.isEmpty()) {
            return null;
        }
        Path candidate;
        try {
            candidate = root.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
        if (!candidate.startsWith(root) || !Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            Path real = candidate.toRealPath();
            if (!real.startsWith(root)) {
                return new Refused(named + ": a symbolic link out of " + root + " (to " + real + ") is refused");
            }
            if (!Files.isRegularFile(real)) {
                return new Refused(named + ": not a regular file");
            }
            return new Found(real, root.relativize(real).toString().replace('\\', '/'), Files.size(real));
        } catch (IOException e) {
            return new Refused(named + ": cannot be read: " + e.getMessage()); // e.g. a dangling link
        }
    }

    private String shownRoots() {
        return roots.isEmpty() ? "no folder" : String.join(", ", roots.stream().map(Path::toString).toList());
    }
}
