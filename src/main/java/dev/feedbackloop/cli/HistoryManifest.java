package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.ingest.RunMetadata;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A history to load in one go ({@code feedback ingest --manifest FILE.jsonl}): one JSON object a line naming a
 * report ({@code file}, relative to the manifest's folder) and its run ({@code run}, and optionally {@code attempt},
 * {@code commit}, {@code branch}, {@code time}). The whole manifest is checked before anything is stored, so that a
 * bad line 3 of 100 stores nothing rather than two runs; every bad line is reported, not just the first.
 */
public final class HistoryManifest {

    /** The fields a line may carry; any other is refused, so that a misspelt {@code "comit"} is not silently lost. */
    static final Set<String> FIELDS = Set.of("file", "run", "attempt", "commit", "branch", "time");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One report of the history, with the run metadata it is ingested under (parameter names, as the flags). */
    public record Entry(int line, Path file, Map<String, String> metadata) {
        public Entry {
            metadata = Map.copyOf(metadata);
        }
    }

    /** The manifest has bad lines; each message starts with its line number and names the field. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<String> problems;

        Invalid(List<String> problems) {
            super(problems.size() + " bad " + (problems.size() == 1 ? "line" : "lines"), null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private HistoryManifest() {
    }

    /**
     * Reads and checks the whole manifest.
     *
     * @param base the flags' metadata (project, build URL, ...), which a line's fields override
     * @param now  the time a run's time is checked against (not more than a day ahead)
     * @return the entries, in manifest order
     * @throws Invalid listing every bad line
     */
    public static List<Entry> read(Path manifest, Map<String, String> base, Instant now) throws IOException, Invalid {
        Path folder = manifest.toAbsolutePath().getParent();
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                try {
                    Entry entry = entry(number, text, folder, base, now);
                    String key = entry.metadata().get(RunMetadata.Field.RUN_ID.parameter()) + "\u0000"
                            + entry.metadata().getOrDefault(RunMetadata.Field.RUN_ATTEMPT.parameter(), "1")
                            + "\u0000" + entry.file().normalize();
                    if (!seen.add(key)) {
                        throw new IllegalArgumentException("file: " + Shown.path(entry.file()) + " is listed twice"
                                + " for the same run and attempt");
                    }
                    entries.add(entry);
                } catch (IllegalArgumentException e) {
                    problems.add("line " + number + ": " + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        if (entries.isEmpty()) {
            throw new Invalid(List.of(Shown.path(manifest) + " lists no reports"));
        }
        return entries;
    }

    private static Entry entry(int number, String text, Path folder, Map<String, String> base, Instant now) {
        JsonNode line;
        try {
            line = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (line == null || !line.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        for (Iterator<String> names = line.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(Shown.text(name) + ": unknown field (a line has "
                        + String.join(", ", List.of("file", "run", "attempt", "commit", "branch", "time")) + ")");
            }
        }
        Path file = folder.resolve(text(line, "file", true));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("file: " + Shown.path(file) + " does not exist or is not a file");
        }
        Map<String, String> metadata = new LinkedHashMap<>(base);
        metadata.put(RunMetadata.Field.RUN_ID.parameter(), text(line, "run", true));
        if (line.has("attempt")) {
            JsonNode attempt = line.get("attempt");
            if (!attempt.canConvertToInt() || !attempt.isIntegralNumber() || attempt.asInt() < 1
                    || attempt.asInt() > RunMetadata.MAX_ATTEMPT) {
                throw new IllegalArgumentException("attempt: must be a whole number within 1.." + RunMetadata.MAX_ATTEMPT
                        + ", was " + Shown.text(attempt.toString()));
            }
            metadata.put(RunMetadata.Field.RUN_ATTEMPT.parameter(), Integer.toString(attempt.asInt()));
        }
        optional(line, "commit", RunMetadata.Field.COMMIT, metadata);
        optional(line, "branch", RunMetadata.Field.BRANCH, metadata);
        if (line.has("time")) {
            String time = text(line, "time", true);
            try {
                metadata.put(RunMetadata.Field.TIME.parameter(),
                        RunMetadata.checkTime(RunMetadata.parseTime(time), now).toString());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("time: " + e.getMessage());
            }
        }
        RunMetadata.toReport(metadata, "unset", now); // what ingest would refuse (a run id too long, ...)
        return new Entry(number, file, metadata);
    }

    private static void optional(JsonNode line, String name, RunMetadata.Field field, Map<String, String> metadata) {
        if (line.has(name)) {
            metadata.put(field.parameter(), text(line, name, true));
        }
    }

    private static String text(JsonNode line, String name, boolean required) {
        JsonNode value = line.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException(name + ": missing");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(name + ": must be a non-empty string, was " + Shown.text(value.toString()));
        }
        return value.asText().strip();
    }
}
