package dev.feedbackloop.adapter.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code --data} directory, held by this process while a store in it is open. DynamoDB Local keeps its tables in
 * one SQLite file, and two processes writing it answer each other's requests with opaque 500 errors; so the first
 * process takes an exclusive lock on {@value #LOCK_FILE} in the directory (an operating-system file lock: it ends
 * with the process, however the process ends, so a crash never leaves a stale lock) and writes its pid there; a second
 * process is told who holds it. Opening also checks the table file before any engine reads it.
 *
 * <p>Readers lock too: DynamoDB Local opens the file for writing even to read it.
 */
public final class DataDirectory implements AutoCloseable {

    /** The lock file, which also names the holder's pid. */
    static final String LOCK_FILE = "feedback.lock";
    /** Where DynamoDB's tables are kept under a data directory. */
    static final String DYNAMODB_DIRECTORY = "dynamodb";
    /** Where the reports are kept under a data directory. */
    static final String S3_DIRECTORY = "s3";
    /** The SQLite file DynamoDB Local keeps every table in when started with {@code -sharedDb}. */
    static final String TABLE_FILE = "shared-local-instance.db";
    private static final byte[] SQLITE_HEADER = "SQLite format 3\u0000".getBytes(StandardCharsets.US_ASCII);
    /** Directories held by this JVM: the operating system lets one process lock a file once only. */
    private static final Set<Path> HELD = new HashSet<>();

    private final Path path;
    private final Path canonical;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectory(Path path, Path canonical, FileChannel channel, FileLock lock) {
        this.path = path;
        this.canonical = canonical;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Holds {@code directory} for this process, creating it if missing, and checks its table file.
     *
     * @throws DataDirectoryException when another process (or another store of this one) holds it, when it is not a
     *                                directory, or when its table file is not a store
     */
    public static DataDirectory hold(Path directory) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new DataDirectoryException("--data " + directory + " is not a directory");
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new DataDirectoryException("--data " + directory + " cannot be created: " + e.getMessage(), e);
        }
        DataDirectory held = lock(directory);
        try {
            held.checkTableFile();
            return held;
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
    }

    /**
     * As {@link #hold}, for a store that must exist already (to read it).
     *
     * @throws NoStoreException when no store was kept under {@code directory}
     */
    public static DataDirectory holdExisting(Path directory) {
        if (!Files.isDirectory(directory.resolve(DYNAMODB_DIRECTORY))) {
            throw new NoStoreException(directory);
        }
        return hold(directory);
    }

    /** The directory as given. */
    public Path path() {
        return path;
    }

    Path dynamoDb() {
        return path.resolve(DYNAMODB_DIRECTORY);
    }

    Path s3() {
        return path.resolve(S3_DIRECTORY);
    }

    /** The SQLite file holding the tables (it may not exist yet). */
    Path tableFile() {
        return dynamoDb().resolve(TABLE_FILE);
    }

    private static DataDirectory lock(Path directory) {
        Path canonical = canonical(directory);
        synchronized (HELD) {
            if (HELD.contains(canonical)) {
                throw new DataDirectoryException("--data " + directory
                        + " is already open in this process; close the other store first");
            }
            FileChannel channel = null;
            try {
                channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                        StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    channel.close();
                    throw inUse(directory);
                }
                writePid(channel);
                HELD.add(canonical);
                return new DataDirectory(directory, canonical, channel, lock);
            } catch (OverlappingFileLockException e) {
                closeQuietly(channel);
                throw new DataDirectoryException("--data " + directory + " is already open in this process", e);
            } catch (IOException e) {
                closeQuietly(channel);
                throw new DataDirectoryException("--data " + directory + ": cannot lock " + LOCK_FILE + ": "
                        + e.getMessage(), e);
            }
        }
    }

    private static DataDirectoryException inUse(Path directory) {
        String holder = readPid(directory.resolve(LOCK_FILE)).map(pid -> "pid " + pid).orElse("pid unknown");
        return new DataDirectoryException("--data " + directory + " is in use by another feedback process ("
                + holder + "); wait for it to finish, or give this one another --data directory");
    }

    private static void writePid(FileChannel channel) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
    }

    private static Optional<String> readPid(Path lockFile) {
        try {
            String text = Files.readString(lockFile, StandardCharsets.US_ASCII).strip();
            return text.matches("\\d{1,10}") ? Optional.of(text) : Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /**
     * A table file that exists and is not empty must start as every SQLite database does; anything else (a file
     * copied over it, a random file) is refused before DynamoDB Local answers every request with a 500. An empty file
     * is an empty store: DynamoDB Local starts it afresh.
     */
    private void checkTableFile() {
        Path file = tableFile();
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SQLITE_HEADER.length);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw DataDirectoryException.damaged(path, file, "cannot be read: " + e.getMessage(), e);
        }
        if (head.length > 0 && !Arrays.equals(head, SQLITE_HEADER)) {
            throw DataDirectoryException.damaged(path, file, "is not a SQLite database", null);
        }
    }

    private static Path canonical(Path directory) {
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            return directory.toAbsolutePath().normalize();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }

    /** Releases the lock; the lock file stays (deleting it would race with a process about to lock it). */
    @Override
    public void close() {
        synchronized (HELD) {
            try {
                lock.release();
            } catch (IOException e) {
                // closing the channel releases it too
            } finally {
                closeQuietly(channel);
                HELD.remove(canonical);
            }
        }
    }

    /** A data directory that cannot be used: held by another process, not a directory, or damaged. */
    public static class DataDirectoryException extends RuntimeException {

        DataDirectoryException(String message) {
            super(message);
        }

        DataDirectoryException(String message, Throwable cause) {
            super(message, cause);
        }

        static DataDirectoryException damaged(Path directory, Path file, String why, Throwable cause) {
            return new DataDirectoryException("--data " + directory + " holds a damaged store: its table file " + file
                    + " " + why + ". Move " + directory + " aside (or delete it) and ingest the reports again",
                    cause);
        }
    }

    /** No store was ever kept in the directory. */
    public static final class NoStoreException extends DataDirectoryException {

        NoStoreException(Path directory) {
            super("no store at " + directory);
        }
    }
}
