package io.mmatracker.kafka.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data directory, held while an embedded broker runs on it, in this JVM or another.
 *
 * <p>Kafka locks its directories too, but a second broker on a directory in use only finds out inside
 * the controller's start-up, and Kafka answers a failed controller start-up by halting the JVM. Taking
 * this lock first turns that into an {@link EmbeddedKafkaException} before Kafka touches anything.
 */
final class DataDirectoryLock implements AutoCloseable {

    static final String FILE_NAME = "embedded-broker.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDirectory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(dataDirectory, "another process");
            }
            return new DataDirectoryLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw inUse(dataDirectory, "this JVM");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new EmbeddedKafkaException("cannot lock the data directory " + dataDirectory + ": " + e, e);
        } catch (EmbeddedKafkaException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases the lock as well
        }
        closeQuietly(channel);
    }

    private static EmbeddedKafkaException inUse(Path dataDirectory, String where) {
        return new EmbeddedKafkaException("the data directory " + dataDirectory + " is in use by another "
                + "embedded broker in " + where + "; stop it first or use another directory");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more can be done about a channel that does not close
        }
    }
}
