package dev.feedbackloop.adapter.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A file meant to be shared (a report page), replaced whole so a reader never opens half of it. */
public final class SharedFile {

    private SharedFile() {
    }

    /**
     * Writes {@code bytes} beside {@code target}, then moves them over it in one step.
     *
     * @throws IOException when the folder cannot be written or the move fails (the temporary file is removed)
     */
    public static void replace(Path target, byte[] bytes) throws IOException {
        // Not createTempFile: its file is readable by its owner only, and a report is meant to be shared.
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid()
                + ".tmp");
        try {
            Files.write(temporary, bytes);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
