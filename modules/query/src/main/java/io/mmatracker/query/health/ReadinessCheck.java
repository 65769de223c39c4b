package io.mmatracker.query.health;

/** Tells whether this instance can answer from state (GET /health/ready). */
@FunctionalInterface
public interface ReadinessCheck {

    Health check();
}
