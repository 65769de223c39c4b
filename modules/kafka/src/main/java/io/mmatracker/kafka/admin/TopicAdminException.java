package io.mmatracker.kafka.admin;

/** Why {@link TopicAdmin#ensureTopics} could not make the topics match their specs. */
public sealed abstract class TopicAdminException extends RuntimeException
        permits IncompatibleTopicException, TopicAdminFailedException {

    private static final long serialVersionUID = 1L;

    protected TopicAdminException(String message, Throwable cause) {
        super(message, cause);
    }
}
