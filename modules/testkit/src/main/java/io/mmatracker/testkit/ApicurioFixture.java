package io.mmatracker.testkit;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Apicurio schema registry for integration tests, started once per test run (the first class that needs it
 * starts it; it is killed when the run ends) and shared by every class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ApicurioFixture REGISTRY = new ApicurioFixture();
 * ... REGISTRY.url() ...   // Confluent's API, http://127.0.0.1:<port>/apis/ccompat/v7
 * }</pre>
 *
 * Classes share the registry, so they use their own subjects: topics with a unique prefix.
 */
public final class ApicurioFixture implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ApicurioFixture.class);

    private ApicurioRegistry registry;

    @Override
    public void beforeAll(ExtensionContext context) {
        registry = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("registry",
                key -> ApicurioRegistry.start(Path.of("target", "apicurio-logs")), ApicurioRegistry.class);
    }

    /** Confluent's REST API of the shared registry. */
    public String url() {
        return registry().ccompatUrl();
    }

    /** The running registry. */
    public ApicurioRegistry registry() {
        if (registry == null) {
            throw new IllegalStateException("ApicurioFixture is used before its class started: register it as a "
                    + "static @RegisterExtension field");
        }
        return registry;
    }
}
