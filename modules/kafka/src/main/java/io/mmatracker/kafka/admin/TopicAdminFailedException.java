package io.mmatracker.kafka.admin;

/** Kafka did not answer or refused a request (timeout, authorization, broker error) while ensuring topics. */
public final class TopicAdminFailedException extends TopicAdminException {

    private static final long serialVersionUID = 1L;

    public TopicAdminFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
