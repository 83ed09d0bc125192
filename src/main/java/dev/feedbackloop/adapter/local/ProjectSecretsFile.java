package dev.feedbackloop.adapter.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.ingest.ProjectSecrets;
import dev.feedbackloop.model.RunKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The projects' signing secrets of a local server, {@code DIR/ingest-secrets.json}: a JSON object of project to
 * secret, the same shape as the Secrets Manager secret the deployed ingest function reads, so a team can copy it
 * either way. Read again on every request (the file is small), so a secret added or rotated while serving counts at
 * once; written readable by its owner only.
 */
public final class ProjectSecretsFile implements ProjectSecrets {

    public static final String NAME = "ingest-secrets.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    private ProjectSecretsFile(Path file) {
        this.file = file;
    }

    /** The secrets kept under {@code dataDirectory} (the file need not exist yet: then no project is known). */
    public static ProjectSecretsFile in(Path dataDirectory) {
        return new ProjectSecretsFile(dataDirectory.resolve(NAME));
    }

    public Path path() {
        return file;
    }

    @Override
    public Optional<byte[]> secretOf(String project) {
        return Optional.ofNullable(read().get(project)).filter(JsonNode::isTextual).map(JsonNode::asText)
                .filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Gives {@code project} a random secret unless it has one.
     *
     * @return whether a secret was made
     */
    public synchronized boolean ensure(String project) {
        RunKey.requireProjectKey(project);
        ObjectNode secrets = read();
        if (secrets.hasNonNull(project)) {
            return false;
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        secrets.put(project, HexFormat.of().formatHex(random));
        write(secrets);
        return true;
    }

    private ObjectNode read() {
        if (!Files.exists(file)) {
            return JSON.createObjectNode();
        }
        JsonNode node;
        try {
            node = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new SecretsUnavailableException(file + " is not a JSON object of project to signing secret: "
                    + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new SecretsUnavailableException(file + " must be a JSON object of project to signing secret", null);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw new SecretsUnavailableException(file + ": the secret of project '" + entry.getKey()
                        + "' must be a string", null);
            }
        }
        return (ObjectNode) node;
    }

    /** Replaces the file whole (a temporary file moved into place), so a reader never sees half of it. */
    private void write(ObjectNode secrets) {
        try {
            Path temporary = Files.createTempFile(file.getParent(), NAME, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(secrets));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
