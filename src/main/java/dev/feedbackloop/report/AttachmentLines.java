package dev.feedbackloop.report;

import dev.feedbackloop.model.Attachment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Attachments named in a test's captured output by the {@code [[ATTACHMENT|path]]} convention (the Jenkins JUnit
 * Attachments plugin, GitLab's JUnit reports, Playwright's {@code junit} reporter, which writes one line per
 * attachment into {@code <system-out>}). The name is the file's name, except Playwright's {@code error-context.md},
 * named {@link Attachment#ERROR_CONTEXT} as in its JSON report; the content type is guessed from the extension. Only
 * what the parser kept of the output is searched (its head and tail, {@link TextLimits#OUTPUT}).
 */
public final class AttachmentLines {

    private static final Pattern LINE = Pattern.compile("\\[\\[ATTACHMENT\\|([^\\]\\r\\n]{1,1024})\\]\\]");

    private AttachmentLines() {
    }

    /** The attachments {@code outputs} name, in order, at most {@link Attachment#MAX_PER_ATTEMPT}, each once. */
    public static List<Attachment> in(String... outputs) {
        List<Attachment> found = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (String output : outputs) {
            if (output == null || output.indexOf("[[ATTACHMENT|") < 0) {
                continue;
            }
            Matcher m = LINE.matcher(output);
            while (m.find() && found.size() < Attachment.MAX_PER_ATTEMPT) {
                String path = m.group(1).strip();
                if (!paths.contains(path)) {
                    paths.add(path);
                    of(path).ifPresent(found::add);
                }
            }
        }
        return found;
    }

    private static Optional<Attachment> of(String path) {
        String file = path.replace('\\', '/');
        file = file.substring(file.lastIndexOf('/') + 1);
        String name = file.equalsIgnoreCase("error-context.md") ? Attachment.ERROR_CONTEXT : file;
        return Attachment.capped(name.isBlank() ? path : name, contentType(file), path, null);
    }

    /** The media type of a file by its extension; {@code application/octet-stream} when unknown. */
    public static String contentType(String file) {
        String lower = file.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        return switch (dot < 0 ? "" : lower.substring(dot + 1)) {
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "zip" -> "application/zip";
            case "md" -> "text/markdown";
            case "txt", "log" -> "text/plain";
            case "webm" -> "video/webm";
            case "json" -> "application/json";
            case "html", "htm" -> "text/html";
            default -> "application/octet-stream";
        };
    }
}
