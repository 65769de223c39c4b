package io.mmatracker.app.config;

/** A setting that is missing or bad; its message names the key and what it accepts. */
public class SettingsException extends RuntimeException {

    public SettingsException(String message) {
        super(message);
    }
}
