package io.mmatracker.query.api;

/** Handles one routed request; runs on an I/O thread and must not block. */
@FunctionalInterface
public interface RouteHandler {

    void handle(Call call) throws Exception;
}
