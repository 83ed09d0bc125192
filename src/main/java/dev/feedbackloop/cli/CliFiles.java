package dev.feedbackloop.cli;

import dev.feedbackloop.classify.ProjectClassifiers;
import dev.feedbackloop.rootcause.FailureClassifier;
import dev.feedbackloop.rootcause.RuleSet;
import dev.feedbackloop.store.ProjectRules;
import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files and standard streams for the commands: input by name or {@code -}, output written whole or not at all. */
final class CliFiles {

    private CliFiles() {
    }

    /** The named file, or stdin for {@code -} (left open). */
    static InputStream open(String name) throws IOException {
        if (name.equals("-")) {
            return new FilterInputStream(System.in) {
                @Override
                public void close() {
                    // stdin belongs to the process
                }
            };
        }
        try {
            return Files.newInputStream(Path.of(name));
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException("input file not found: " + name);
        }
    }

    /** A classifier with the custom rules in {@code rules}, if given. */
    static FailureClassifier classifier(Path rules) throws IOException {
        if (rules == null) {
            return FailureClassifier.standard();
        }
        try (InputStream in = Files.newInputStream(rules)) {
            return FailureClassifier.withCustomRules(RuleSet.parse(in, rules.toString()));
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException("rules file not found: " + rules);
        }
    }

    /**
     * The text of a rule file, checked to be valid rules (so a bad file is refused before any engine starts or
     * anything is saved).
     *
     * @throws IllegalArgumentException naming the file and, for a bad rule, the rule and what is wrong with it
     */
    static String rulesText(Path rules) throws IOException {
        if (!Files.isRegularFile(rules)) {
            throw new FileNotFoundException("rules file not found: " + rules);
        }
        long size = Files.size(rules);
        if (size > ProjectRules.MAX_BYTES) {
            throw new IllegalArgumentException(rules + ": " + size + " bytes; a rule file may have at most "
                    + ProjectRules.MAX_BYTES);
        }
        String text = new String(Files.readAllBytes(rules), StandardCharsets.UTF_8);
        ProjectClassifiers.parse(text, rules.toString());
        return text;
    }

    /** Where output goes: a regular file replaced atomically on {@link Sink#commit()}, a device or pipe, or stdout. */
    static Sink sink(Path output) throws IOException {
        if (output == null) {
            return new Sink(System.out, false, null, null);
        }
        Path absolute = output.toAbsolutePath();
        if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
            // A device or pipe (/dev/null, a FIFO) is written in place: there is no file to replace.
            return new Sink(new BufferedOutputStream(Files.newOutputStream(absolute), 1 << 16), true, null, null);
        }
        Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".partial");
        return new Sink(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16), true, temp, absolute);
    }

    /** An output stream that, for a regular file, only replaces the file when committed; else it leaves no trace. */
    static final class Sink implements AutoCloseable {
        private final OutputStream stream;
        private final boolean owned;
        private final Path temp;
        private final Path target;
        private boolean committed;

        private Sink(OutputStream stream, boolean owned, Path temp, Path target) {
            this.stream = stream;
            this.owned = owned;
            this.temp = temp;
            this.target = target;
        }

        OutputStream stream() {
            return stream;
        }

        /** Flushes and, for a regular file, moves the finished output into place. */
        void commit() throws IOException {
            stream.flush();
            if (temp != null) {
                stream.close();
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            committed = true;
        }

        @Override
        public void close() throws IOException {
            if (owned) {
                stream.close();
            } else {
                stream.flush();
            }
            if (temp != null && !committed) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
