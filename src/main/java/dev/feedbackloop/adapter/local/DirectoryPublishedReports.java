package dev.feedbackloop.adapter.local;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.store.PublishedReport;
import dev.feedbackloop.store.PublishedReports;
import dev.feedbackloop.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The nightly reports of a local store, {@code DIR/dashboards/<project>/<yyyy-MM-dd>.html}: the same layout as the
 * S3 keys on AWS. Written whole (beside the target, then moved over it), so a reader never opens half a report and a
 * rerun replaces it. The link is the file's absolute path.
 */
public final class DirectoryPublishedReports implements PublishedReports {

    public static final String FOLDER = "dashboards";

    private final Path root;

    public DirectoryPublishedReports(Path dataDirectory) {
        this.root = dataDirectory.toAbsolutePath().resolve(FOLDER);
    }

    /** Where {@code project}'s report of {@code day} is written. */
    public Path file(String project, LocalDate day) {
        if (RunKey.requireProjectKey(project).equals(".") || project.equals("..")) {
            throw new IllegalArgumentException("project '" + project + "' cannot name a folder of reports");
        }
        return root.resolve(project).resolve(day + ".html");
    }

    @Override
    public PublishedReport publish(String project, LocalDate day, byte[] html) {
        Path target = file(project, day);
        try {
            Files.createDirectories(target.getParent());
            SharedFile.replace(target, html);
        } catch (IOException e) {
            throw new StoreException("WritePublishedReport", target.toString(), e.getMessage(), e);
        }
        return new PublishedReport(target.toString(), target.toString(), Optional.empty(), html.length);
    }
}
