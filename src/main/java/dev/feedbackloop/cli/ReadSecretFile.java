package dev.feedbackloop.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The read secret of a local store, {@code DIR/read-secret}: 32 random bytes as hex, made on first use readable by
 * its owner only. Project read tokens are derived from it ({@link dev.feedbackloop.view.ReadTokens}); deleting it
 * revokes them all.
 */
final class ReadSecretFile {

    static final String NAME = "read-secret";

    private ReadSecretFile() {
    }

    static byte[] readOrCreate(Path dataDirectory) {
        Path file = dataDirectory.resolve(NAME);
        try {
            if (!Files.exists(file)) {
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions
                            .fromString("rw-------")));
                    Files.writeString(file, HexFormat.of().formatHex(secret) + "\n");
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first: read theirs
                }
            }
            String hex = Files.readString(file).strip();
            try {
                return HexFormat.of().parseHex(hex);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " must hold the read secret as hex digits; delete it to"
                        + " make a new one (this revokes every read token)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the read secret " + file + ": " + e.getMessage(),
                    e);
        }
    }
}
