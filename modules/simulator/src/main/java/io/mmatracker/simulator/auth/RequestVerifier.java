package io.mmatracker.simulator.auth;

import io.mmatracker.openapi.ApiError;

/** Decides whether an MMA request is properly signed. */
@FunctionalInterface
public interface RequestVerifier {

    /** Accepts every request: the simulator was started without an AccessKey pair. */
    RequestVerifier NONE = request -> null;

    /** Null when the request may proceed, else the error to answer. */
    ApiError verify(IncomingRequest request);
}
