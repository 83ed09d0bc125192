package dev.feedbackloop.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The report files named on a command line: files as given, a directory as the report files within it (CI writes one
 * {@code TEST-*.xml} per class), and a quoted glob ({@code 'build/test-results/**}{@code /TEST-*.xml'}) as the files
 * it matches, each group sorted by path. A directory or glob that yields nothing is an error naming it.
 */
final class ReportPaths {

    /** What a report file is called: the formats' usual extensions, gzip-compressed or not. */
    private static final PathMatcher REPORT_FILE = FileSystems.getDefault()
            .getPathMatcher("glob:*.{xml,json,jsonl,trx,xml.gz,json.gz,jsonl.gz,trx.gz}");
    /** How deep a directory or a glob's {@code **} is searched: a build tree, not a whole disk. */
    private static final int MAX_DEPTH = 16;

    private ReportPaths() {
    }

    static List<Path> expand(List<String> arguments) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String argument : arguments) {
            files.addAll(expand(argument));
        }
        return files;
    }

    private static List<Path> expand(String argument) throws IOException {
        if (isGlob(argument)) {
            return glob(argument);
        }
        Path path = Path.of(argument);
        if (!Files.isDirectory(path)) {
            return List.of(path); // a missing file is reported by whoever reads it, naming it
        }
        List<Path> found = walk(path, p -> REPORT_FILE.matches(p.getFileName()));
        if (found.isEmpty()) {
            throw new FileNotFoundException(argument + ": a directory with no report files (*.xml, *.json, *.jsonl,"
                    + " *.trx, or those gzip-compressed) in it");
        }
        return found;
    }

    private static boolean isGlob(String argument) {
        return argument.indexOf('*') >= 0 || argument.indexOf('?') >= 0 || argument.indexOf('[') >= 0
                || argument.indexOf('{') >= 0;
    }

    /** The files a glob matches, searched from its longest directory prefix without glob characters. */
    private static List<Path> glob(String pattern) throws IOException {
        String normalized = pattern.replace('\\', '/');
        int slash = normalized.lastIndexOf('/', firstGlobCharacter(normalized));
        Path base = slash < 0 ? Path.of(".") : Path.of(slash == 0 ? "/" : normalized.substring(0, slash));
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + normalized.substring(slash + 1));
        List<Path> found = Files.isDirectory(base) ? walk(base, p -> matcher.matches(base.relativize(p))) : List.of();
        if (found.isEmpty()) {
            throw new FileNotFoundException(pattern + ": no file matches");
        }
        return slash < 0 ? found.stream().map(base::relativize).toList() : found;
    }

    private static int firstGlobCharacter(String pattern) {
        int first = pattern.length();
        for (char c : new char[] {'*', '?', '[', '{'}) {
            int at = pattern.indexOf(c);
            if (at >= 0) {
                first = Math.min(first, at);
            }
        }
        return first;
    }

    private static List<Path> walk(Path directory, Predicate<Path> wanted) throws IOException {
        try (Stream<Path> tree = Files.walk(directory, MAX_DEPTH)) {
            return tree.filter(Files::isRegularFile).filter(wanted).sorted().toList();
        }
    }
}
